package io.raftkv.torture.check;

import io.raftkv.checker.ttl.TtlChecker;
import io.raftkv.checker.ttl.TtlKeyHistory;
import io.raftkv.checker.ttl.TtlRead;
import io.raftkv.checker.ttl.TtlVerdict;
import io.raftkv.torture.history.Outcome;
import io.raftkv.torture.history.RecordedOperation;
import io.raftkv.torture.workload.TtlWorkload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks the TTL workload's keys: none expires early, none comes back. */
public final class TtlCheck {
    private TtlCheck() {
    }

    public static TtlVerdict check(List<RecordedOperation> history, long clockSkewBoundMillis) {
        Map<String, RecordedOperation> puts = new LinkedHashMap<>();
        Map<String, List<TtlRead>> readsByKey = new LinkedHashMap<>();
        for (RecordedOperation recorded : history) {
            if (recorded.function().equals(TtlWorkload.PUT) && recorded.outcome() != Outcome.FAIL) {
                puts.put(recorded.key(), recorded);
            } else if (recorded.function().equals(TtlWorkload.READ) && recorded.outcome() == Outcome.OK) {
                readsByKey.computeIfAbsent(recorded.key(), key -> new ArrayList<>()).add(new TtlRead(
                        recorded.output().equals(TtlWorkload.PRESENT), recorded.invokeNanos(),
                        recorded.completeNanos()));
            }
        }
        List<TtlKeyHistory> keys = new ArrayList<>();
        for (RecordedOperation put : puts.values()) {
            keys.add(new TtlKeyHistory(put.key(), Long.parseLong(put.input()), put.invokeNanos(),
                    put.completeNanos(), put.outcome() == Outcome.OK,
                    readsByKey.getOrDefault(put.key(), List.of())));
        }
        return TtlChecker.check(keys, clockSkewBoundMillis);
    }
}
