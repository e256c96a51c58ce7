package io.raftkv.checker.linearizability;

import io.raftkv.checker.Operation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Cuts a history that is not linearizable down to a small sub-history that still is not, so a person can read the bug.
 *
 * <p>It first looks for a small window of time around the operation the search could not linearize (growing it until
 * the window fails on its own), then tries to drop big chunks (everything invoked after that operation completed,
 * everything completed before it was invoked, whole processes), then halves its way down to single operations,
 * read-only operations first, and repeats single removals until none succeeds or the budget runs out. A removal is
 * kept only if all of these hold:
 *
 * <ol>
 *   <li>every operation of the rest that the model could explain in the original history (see {@link Reachability})
 *       is still explained, so that "write a; write b; read a" does not shrink to a misleading "read a";</li>
 *   <li>the rest is still not linearizable;</li>
 *   <li>for each operation removed so far that can change the state, the rest stays non-linearizable with that
 *       operation put back as one of unknown outcome (free to take effect at any time after its invocation, or never):
 *       the failure does not hinge on that operation being absent. A refused compare-and-set, for example, must not
 *       end up failing only because the write that explained it was removed.</li>
 * </ol>
 *
 * <p>The third rule puts removed operations back one at a time, not all together (that search would grow exponentially
 * with their number), so it is a strong heuristic rather than a proof that the minimal history fails for the same
 * reason as the whole one. The whole history's verdict never depends on shrinking.
 */
final class Shrinker<S, I, O> {

    private static final Comparator<Operation<?, ?>> INVOCATION_ORDER =
            Comparator.<Operation<?, ?>>comparingLong(Operation::invokeNanos).thenComparingLong(Operation::id);

    private final Model<S, I, O> model;
    private final Deadline deadline;
    private final Optional<Reachability<S, I, O>> originalReachability;
    private final Optional<Set<Long>> explainedInOriginal;
    /**
     * Operations illegal in every state reachable by the original history's operations even with every outcome
     * forgotten: a history containing one is not linearizable whatever else is added to it, so the third rule holds
     * without a search.
     */
    private final Set<Long> unexplainedEvenRelaxed;
    private List<Operation<I, O>> current;
    /** The removed operations that can change the state. */
    private List<Operation<I, O>> removedEffects = List.of();
    private boolean outOfTime;

    private Shrinker(List<Operation<I, O>> history, Model<S, I, O> model, Deadline deadline) {
        this.model = model;
        this.deadline = deadline;
        this.originalReachability = Reachability.of(history, model);
        this.explainedInOriginal = originalReachability.map(reachability -> reachability.explainedIds(history));
        this.unexplainedEvenRelaxed = unexplainedEvenRelaxed(history, model);
        this.current = history.stream().sorted(INVOCATION_ORDER).toList();
    }

    private static <S, I, O> Set<Long> unexplainedEvenRelaxed(List<Operation<I, O>> history, Model<S, I, O> model) {
        List<Operation<I, O>> relaxed = history.stream().map(Operation::withUnknownOutcome).toList();
        Optional<Set<Long>> explained = Reachability.of(relaxed, model)
                .map(reachability -> reachability.explainedIds(history));
        if (explained.isEmpty()) {
            return Set.of();
        }
        Set<Long> unexplained = new HashSet<>();
        history.stream()
                .map(Operation::id)
                .filter(id -> !explained.get().contains(id))
                .forEach(unexplained::add);
        return unexplained;
    }

    /**
     * Shrinks {@code history}, which must not be linearizable, within {@code deadline}.
     *
     * @param blocking the operation, with a known outcome, that the search of the whole history could not linearize;
     *                 it locates the failure
     * @return a non-linearizable sub-history in invocation order; {@code history} itself if nothing could be removed
     */
    static <S, I, O> List<Operation<I, O>> shrink(List<Operation<I, O>> history, Operation<I, O> blocking,
                                                  Model<S, I, O> model, Deadline deadline) {
        return new Shrinker<>(history, model, deadline).run(blocking);
    }

    private List<Operation<I, O>> run(Operation<I, O> blocking) {
        narrowToWindow(blocking);
        tryRemove(matching(operation -> operation.invokeNanos() > blocking.completeNanos()));
        tryRemove(matching(operation -> operation.outcomeKnown()
                && operation.completeNanos() < blocking.invokeNanos()));
        for (int process : processes()) {
            tryRemove(matching(operation -> operation.process() == process));
        }
        halve(operation -> model.isReadOnly(operation.input()));
        halve(operation -> true);
        boolean removedAny = true;
        while (removedAny && !outOfTime) {
            removedAny = false;
            for (Operation<I, O> operation : List.copyOf(current)) {
                removedAny |= tryRemove(List.of(operation));
            }
        }
        return current;
    }

    /**
     * Tries to keep only the operations around the blocking one, together with the operations that explain them, in a
     * window reaching back twice as far each time until it fails on its own or covers the whole history. A small
     * window is cheap to check, and most bugs are local. It runs first, while the current history is the original.
     */
    private void narrowToWindow(Operation<I, O> blocking) {
        long reachBackNanos = blocking.invokeNanos() - current.getFirst().invokeNanos();
        long widthNanos = blocking.completeNanos() - blocking.invokeNanos() + 1;
        while (!outOfTime) {
            long startNanos = blocking.invokeNanos() - Math.min(widthNanos, reachBackNanos);
            List<Operation<I, O>> window = window(startNanos, blocking.completeNanos());
            if (window.size() < current.size() && tryRemove(without(window))) {
                return;
            }
            if (widthNanos >= reachBackNanos) {
                return;
            }
            widthNanos = widthNanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : widthNanos * 2;
        }
    }

    /** The operations that overlap {@code [startNanos, endNanos]}, and those that explain them. */
    private List<Operation<I, O>> window(long startNanos, long endNanos) {
        Set<Long> chosen = new HashSet<>();
        Deque<Operation<I, O>> unexplained = new ArrayDeque<>();
        for (Operation<I, O> operation : current) {
            boolean overlaps = operation.outcomeKnown()
                    ? operation.completeNanos() >= startNanos && operation.invokeNanos() <= endNanos
                    : operation.invokeNanos() >= startNanos && operation.invokeNanos() <= endNanos;
            if (overlaps && chosen.add(operation.id())) {
                unexplained.add(operation);
            }
        }
        while (originalReachability.isPresent() && explainedInOriginal.isPresent() && !unexplained.isEmpty()) {
            Operation<I, O> operation = unexplained.removeFirst();
            if (explainedInOriginal.get().contains(operation.id())) {
                originalReachability.get().explanation(operation).ifPresent(chain -> chain.stream()
                        .filter(link -> chosen.add(link.id()))
                        .forEach(unexplained::addLast));
            }
        }
        return matching(operation -> chosen.contains(operation.id()));
    }

    /** Tries to remove the eligible operations in chunks of half of them, then a quarter, down to one at a time. */
    private void halve(Predicate<Operation<I, O>> eligible) {
        int chunkSize = Math.max(1, matching(eligible).size() / 2);
        while (!outOfTime) {
            List<Operation<I, O>> candidates = matching(eligible);
            for (int start = 0; start < candidates.size() && !outOfTime; start += chunkSize) {
                tryRemove(candidates.subList(start, Math.min(candidates.size(), start + chunkSize)));
            }
            if (chunkSize == 1) {
                return;
            }
            chunkSize = Math.max(1, chunkSize / 2);
        }
    }

    private boolean tryRemove(Collection<Operation<I, O>> removal) {
        Set<Long> removedIds = new HashSet<>();
        removal.forEach(operation -> removedIds.add(operation.id()));
        List<Operation<I, O>> rest = matching(operation -> !removedIds.contains(operation.id()));
        if (outOfTime || rest.isEmpty() || rest.size() == current.size()) {
            return false;
        }
        List<Operation<I, O>> effects = new ArrayList<>(matching(operation ->
                removedIds.contains(operation.id()) && !model.isReadOnly(operation.input())));
        boolean removesEffects = !effects.isEmpty();
        effects.addAll(removedEffects);
        if ((removesEffects && !keepsExplanations(rest)) || !stillFails(rest) || !independentOfEach(rest, effects)) {
            return false;
        }
        current = rest;
        removedEffects = List.copyOf(effects);
        return true;
    }

    private boolean keepsExplanations(List<Operation<I, O>> rest) {
        if (explainedInOriginal.isEmpty()) {
            return true;
        }
        Optional<Set<Long>> explained = Reachability.of(rest, model)
                .map(reachability -> reachability.explainedIds(rest));
        return explained.isEmpty() || rest.stream()
                .map(Operation::id)
                .filter(explainedInOriginal.get()::contains)
                .allMatch(explained.get()::contains);
    }

    /**
     * Whether the rest still fails with each removed effect put back alone as an unknown operation. Only operations
     * invoked before the last known completion of the rest can matter: any later one could be linearized after every
     * operation of the rest with a known outcome.
     */
    private boolean independentOfEach(List<Operation<I, O>> rest, List<Operation<I, O>> effects) {
        if (rest.stream().map(Operation::id).anyMatch(unexplainedEvenRelaxed::contains)) {
            return true;
        }
        long lastKnownCompletionNanos = rest.stream()
                .filter(Operation::outcomeKnown)
                .mapToLong(Operation::completeNanos)
                .max()
                .orElse(Long.MIN_VALUE);
        for (Operation<I, O> removed : effects) {
            if (removed.invokeNanos() > lastKnownCompletionNanos) {
                continue;
            }
            List<Operation<I, O>> relaxed = new ArrayList<>(rest);
            relaxed.add(removed.withUnknownOutcome());
            if (!stillFails(relaxed)) {
                return false;
            }
        }
        return true;
    }

    private boolean stillFails(List<Operation<I, O>> candidate) {
        if (outOfTime) {
            return false;
        }
        return switch (Search.run(candidate, model, deadline)) {
            case SearchOutcome.Refuted<S> refuted -> true;
            case SearchOutcome.Linearized<S> linearized -> false;
            case SearchOutcome.GaveUp<S> gaveUp -> {
                outOfTime = true;
                yield false;
            }
        };
    }

    private List<Operation<I, O>> matching(Predicate<Operation<I, O>> predicate) {
        return current.stream().filter(predicate).toList();
    }

    private List<Operation<I, O>> without(List<Operation<I, O>> kept) {
        Set<Long> keptIds = new HashSet<>();
        kept.forEach(operation -> keptIds.add(operation.id()));
        return matching(operation -> !keptIds.contains(operation.id()));
    }

    private Set<Integer> processes() {
        Set<Integer> processes = new TreeSet<>();
        current.forEach(operation -> processes.add(operation.process()));
        return processes;
    }
}
