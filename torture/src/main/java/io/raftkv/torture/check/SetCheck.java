package io.raftkv.torture.check;

import io.raftkv.checker.append.AppendAttempt;
import io.raftkv.checker.append.AppendChecker;
import io.raftkv.checker.append.AppendHistory;
import io.raftkv.checker.append.AppendVerdict;
import io.raftkv.checker.append.AttemptOutcome;
import io.raftkv.checker.append.ElementsRead;
import io.raftkv.torture.history.Outcome;
import io.raftkv.torture.history.RecordedOperation;
import io.raftkv.torture.workload.FinalReads;
import io.raftkv.torture.workload.RegisterWorkload;
import io.raftkv.torture.workload.SetWorkload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checks each set of the set workload against its final read. */
public final class SetCheck {
    private SetCheck() {
    }

    /** One verdict per set key, in key order. */
    public static Map<String, AppendVerdict> check(List<RecordedOperation> history, List<String> keys) {
        Map<String, AppendVerdict> verdicts = new TreeMap<>();
        for (String key : keys) {
            verdicts.put(key, AppendChecker.check(historyOf(history, key)));
        }
        return verdicts;
    }

    static AppendHistory historyOf(List<RecordedOperation> history, String key) {
        List<AppendAttempt> attempts = new ArrayList<>();
        List<ElementsRead> reads = new ArrayList<>();
        ElementsRead finalRead = null;
        for (RecordedOperation recorded : history) {
            if (!recorded.key().equals(key)) {
                continue;
            }
            switch (recorded.function()) {
                case SetWorkload.ADD -> attempts.add(new AppendAttempt(recorded.input(),
                        attemptOutcome(recorded.outcome()), recorded.invokeNanos(), recorded.completeNanos()));
                case SetWorkload.READ_ALL -> {
                    if (recorded.outcome() == Outcome.OK) {
                        reads.add(elementsRead(recorded));
                    }
                }
                case FinalReads.FUNCTION -> {
                    if (recorded.outcome() == Outcome.OK) {
                        finalRead = elementsRead(recorded);
                    }
                }
                default -> {
                    // Other workloads' operations on other keys never reach here; a key belongs to one workload.
                }
            }
        }
        if (finalRead == null) {
            throw new IllegalStateException("the history has no final read of set " + key);
        }
        return new AppendHistory(attempts, reads, finalRead);
    }

    private static ElementsRead elementsRead(RecordedOperation recorded) {
        String output = recorded.output();
        List<String> elements = output.equals(RegisterWorkload.ABSENT) || output.isBlank()
                ? List.of()
                : Arrays.asList(output.strip().split(SetWorkload.SEPARATOR + "+"));
        return new ElementsRead(elements, recorded.invokeNanos(), recorded.completeNanos());
    }

    private static AttemptOutcome attemptOutcome(Outcome outcome) {
        return switch (outcome) {
            case OK -> AttemptOutcome.OK;
            case FAIL -> AttemptOutcome.FAIL;
            case UNKNOWN -> AttemptOutcome.UNKNOWN;
        };
    }
}
