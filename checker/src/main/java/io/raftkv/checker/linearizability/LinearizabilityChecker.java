package io.raftkv.checker.linearizability;

import io.raftkv.checker.Operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether a concurrent history is linearizable with respect to a {@link Model}: whether every operation can be
 * given a single point in time, between its invocation and its completion, such that the operations in that order
 * are legal for the model. Operations with unknown outcomes may take effect at any time after their invocation, or
 * never. See {@code checker/README.md} for the algorithm, the shrinking of failures and the time budget.
 */
public final class LinearizabilityChecker {

    private LinearizabilityChecker() {
    }

    /**
     * Checks the history of one key (one object of the model).
     *
     * @param budget how long the check, including the shrinking of a failure, may take; past it the answer is
     *               {@link Verdict.Unknown} (or, during shrinking, a less shrunk failure)
     */
    public static <S, I, O> Verdict<I, O> check(List<Operation<I, O>> history, Model<S, I, O> model,
                                                Duration budget) {
        List<Operation<I, O>> operations = List.copyOf(history);
        requireUniqueIds(operations);
        return check(operations, model, Deadline.after(budget));
    }

    /**
     * Partitions the history by {@link Operation#key()} and checks each key on its own, which is both correct
     * (linearizability is compositional) and far faster. The budget is shared: each key gets an equal share of what is
     * left when its turn comes, so time a key does not use goes to the keys after it. Keys whose check ran out of time
     * are {@link Verdict.Unknown}.
     */
    public static <S, I, O> KeyedVerdict<I, O> checkByKey(List<Operation<I, O>> history, Model<S, I, O> model,
                                                          Duration budget) {
        List<Operation<I, O>> operations = List.copyOf(history);
        requireUniqueIds(operations);
        Deadline overall = Deadline.after(budget);
        Map<String, List<Operation<I, O>>> byKey = new TreeMap<>();
        for (Operation<I, O> operation : operations) {
            byKey.computeIfAbsent(operation.key(), key -> new ArrayList<>()).add(operation);
        }
        Map<String, Verdict<I, O>> verdicts = new LinkedHashMap<>();
        int keysLeft = byKey.size();
        for (Map.Entry<String, List<Operation<I, O>>> key : byKey.entrySet()) {
            verdicts.put(key.getKey(), check(List.copyOf(key.getValue()), model, overall.shareOf(keysLeft)));
            keysLeft--;
        }
        return new KeyedVerdict<>(verdicts);
    }

    private static <S, I, O> Verdict<I, O> check(List<Operation<I, O>> operations, Model<S, I, O> model,
                                                 Deadline deadline) {
        return switch (Search.run(operations, model, deadline)) {
            case SearchOutcome.Linearized<S> linearized -> new Verdict.Linearizable<>();
            case SearchOutcome.GaveUp<S> gaveUp -> new Verdict.Unknown<>(String.format(
                    "undecided after checking %d operations: %s", operations.size(), gaveUp.reason()));
            case SearchOutcome.Refuted<S> refuted -> notLinearizable(operations, refuted, model, deadline);
        };
    }

    private static <S, I, O> Verdict<I, O> notLinearizable(List<Operation<I, O>> operations,
                                                           SearchOutcome.Refuted<S> refuted, Model<S, I, O> model,
                                                           Deadline deadline) {
        List<Operation<I, O>> longestPrefix = refuted.longestOrder().stream().map(operations::get).toList();
        Operation<I, O> blocking = operations.get(refuted.blockingOperation());
        List<Operation<I, O>> minimal = Shrinker.shrink(operations, blocking, model, deadline);
        String explanation = explain(minimal, model, operations, refuted, deadline);
        return new Verdict.NotLinearizable<>(minimal, longestPrefix, explanation);
    }

    /**
     * Explains the failure on the minimal history, whose search is small and readable. The search looks at the deadline
     * only every few hundred steps, so on a well shrunk history it finishes even when shrinking used up the budget; if
     * it does not, the explanation falls back to the search of the whole history.
     */
    private static <S, I, O> String explain(List<Operation<I, O>> minimal, Model<S, I, O> model,
                                            List<Operation<I, O>> operations, SearchOutcome.Refuted<S> whole,
                                            Deadline deadline) {
        if (minimal.size() < operations.size()) {
            SearchOutcome<S> again = Search.run(minimal, model, deadline);
            if (again instanceof SearchOutcome.Refuted<S> refuted) {
                return Explanation.of(minimal, refuted, model, operations.size());
            }
        }
        return Explanation.of(operations, whole, model, operations.size());
    }

    private static void requireUniqueIds(List<? extends Operation<?, ?>> operations) {
        Set<Long> ids = new HashSet<>();
        for (Operation<?, ?> operation : operations) {
            if (!ids.add(operation.id())) {
                throw new IllegalArgumentException("two operations of the history have the id " + operation.id());
            }
        }
    }
}
