package io.raftkv.torture.run;

import io.raftkv.checker.Operation;
import io.raftkv.checker.append.AppendVerdict;
import io.raftkv.checker.linearizability.KeyedVerdict;
import io.raftkv.checker.linearizability.Verdict;
import io.raftkv.checker.register.RegisterInput;
import io.raftkv.checker.register.RegisterOutput;
import io.raftkv.checker.ttl.TtlVerdict;
import io.raftkv.torture.check.RegisterCheck;
import io.raftkv.torture.check.SetCheck;
import io.raftkv.torture.check.TtlCheck;
import io.raftkv.torture.history.RecordedOperation;
import io.raftkv.torture.run.RunVerdict.Word;
import io.raftkv.torture.workload.WorkloadKind;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs the checks that the run's workloads call for and puts their findings into one verdict. */
final class HistoryChecks {
    private HistoryChecks() {
    }

    static RunVerdict check(List<RecordedOperation> history, TortureOptions options, List<String> setKeys,
                            Duration budget) {
        StringBuilder text = new StringBuilder();
        Word word = Word.VALID;
        for (WorkloadKind kind : options.workloads()) {
            Word found = switch (kind) {
                case REGISTER -> register(history, budget, text);
                case SET -> set(history, setKeys, text);
                case TTL -> ttl(history, options.ttlSkewAllowanceMillis(), text);
            };
            word = word.and(found);
        }
        return new RunVerdict(word, text.toString());
    }

    private static Word register(List<RecordedOperation> history, Duration budget, StringBuilder text) {
        KeyedVerdict<RegisterInput, RegisterOutput> verdict = RegisterCheck.check(history, budget);
        Word word = verdict.anyViolation() ? Word.INVALID : verdict.valid() ? Word.VALID : Word.UNKNOWN;
        text.append("register (linearizability per key): ").append(word).append('\n')
                .append(indent(verdict.summary())).append('\n');
        Map<Long, RecordedOperation> byIndex = history.stream()
                .collect(Collectors.toMap(RecordedOperation::index, Function.identity()));
        verdict.byKey().forEach((key, keyVerdict) -> {
            if (keyVerdict instanceof Verdict.NotLinearizable<RegisterInput, RegisterOutput> violation) {
                text.append("  key ").append(key).append(": not linearizable\n")
                        .append(indent(indent(violation.explanation()))).append('\n')
                        .append("    smallest failing sub-history (").append(violation.minimalHistory().size())
                        .append(" operations):\n");
                for (Operation<RegisterInput, RegisterOutput> operation : violation.minimalHistory()) {
                    text.append("      ").append(describe(byIndex.get(operation.id()))).append('\n');
                }
            }
        });
        return word;
    }

    private static Word set(List<RecordedOperation> history, List<String> setKeys, StringBuilder text) {
        Map<String, AppendVerdict> verdicts = SetCheck.check(history, setKeys);
        boolean valid = verdicts.values().stream().allMatch(AppendVerdict::valid);
        Word word = valid ? Word.VALID : Word.INVALID;
        text.append("set (append; lost, phantom, duplicate, stale elements): ").append(word).append('\n');
        verdicts.forEach((key, verdict) -> text.append("  ").append(key).append(": ")
                .append(indent(verdict.summary()).strip()).append('\n'));
        return word;
    }

    private static Word ttl(List<RecordedOperation> history, long skewAllowanceMillis, StringBuilder text) {
        TtlVerdict verdict = TtlCheck.check(history, skewAllowanceMillis);
        Word word = verdict.valid() ? Word.VALID : Word.INVALID;
        text.append("ttl (no early expiry beyond ").append(skewAllowanceMillis)
                .append(" ms of allowed clock skew, no resurrection): ").append(word).append('\n')
                .append(indent(verdict.summary())).append('\n');
        return word;
    }

    /** One operation as a line a person can scan: who, when, what, and what came back. */
    static String describe(RecordedOperation operation) {
        return String.format(Locale.ROOT, "#%d process %d on %s, %.3f s .. %.3f s: %s %s %s -> %s (%s)%s",
                operation.index(), operation.process(), operation.node(), operation.invokeNanos() / 1e9,
                operation.completeNanos() / 1e9, operation.function(), operation.key(),
                operation.input() == null ? "" : operation.input(),
                operation.output() == null ? "no answer" : operation.output(),
                operation.outcome().name().toLowerCase(Locale.ROOT),
                operation.error() == null ? "" : " " + operation.error());
    }

    private static String indent(String lines) {
        return lines.lines().map(line -> "  " + line).collect(Collectors.joining("\n"));
    }
}
