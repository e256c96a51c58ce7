package io.raftkv.checker.linearizability;

import io.raftkv.checker.Operation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The states a model can reach with the operations of a history applied in any order, any number of times, ignoring
 * real time; computed breadth first, so each state remembers a shortest chain of operations that reaches it.
 *
 * <p>An operation is <em>explained</em> when it is legal in some reachable state. A read of a value nobody wrote is
 * unexplained; a stale read is explained (by the write of the value it returned), and its explanation is that write.
 * The shrinker uses this to refuse removals that would turn an explained operation into an unexplained one, since
 * cutting the write of "a" out of "write a; write b; read a" leaves a history that is still not linearizable but for a
 * different and misleading reason, and to pull into a small window of the history the operations that explain it.
 */
final class Reachability<S, I, O> {

    /** Beyond this many reachable states the closure is abandoned and explainability is not judged. */
    private static final int REACHABLE_STATES_MAX = 4_096;

    private record Arrival<S, I, O>(S previous, Operation<I, O> operation) {
    }

    private final Model<S, I, O> model;
    /** Each reachable state with how it was first reached; the initial state maps to {@code null}. */
    private final Map<S, Arrival<S, I, O>> reachable;

    private Reachability(Model<S, I, O> model, Map<S, Arrival<S, I, O>> reachable) {
        this.model = model;
        this.reachable = reachable;
    }

    /** The reachable states of {@code history}, or empty when there are too many to enumerate. */
    static <S, I, O> Optional<Reachability<S, I, O>> of(List<Operation<I, O>> history, Model<S, I, O> model) {
        // Operations that never change the state cannot reach new states, so the closure needs only the others.
        List<Operation<I, O>> effectful = history.stream()
                .filter(operation -> !model.isReadOnly(operation.input()))
                .toList();
        Map<S, Arrival<S, I, O>> reachable = new LinkedHashMap<>();
        Deque<S> unexplored = new ArrayDeque<>();
        reachable.put(model.initialState(), null);
        unexplored.add(model.initialState());
        while (!unexplored.isEmpty()) {
            S state = unexplored.removeFirst();
            for (Operation<I, O> operation : effectful) {
                Optional<S> after = model.step(state, operation.input(), operation.output());
                if (after.isPresent() && !reachable.containsKey(after.get())) {
                    if (reachable.size() >= REACHABLE_STATES_MAX) {
                        return Optional.empty();
                    }
                    reachable.put(after.get(), new Arrival<>(state, operation));
                    unexplored.addLast(after.get());
                }
            }
        }
        return Optional.of(new Reachability<>(model, reachable));
    }

    /** The ids of the operations of {@code history} that are legal in some reachable state. */
    Set<Long> explainedIds(List<Operation<I, O>> history) {
        Set<Long> explained = new HashSet<>();
        for (Operation<I, O> operation : history) {
            if (explanation(operation).isPresent()) {
                explained.add(operation.id());
            }
        }
        return explained;
    }

    /**
     * A shortest chain of operations, in order, after which {@code operation} is legal; empty when it is unexplained.
     * The chain is empty-but-present when the operation is legal in the initial state.
     */
    Optional<List<Operation<I, O>>> explanation(Operation<I, O> operation) {
        for (S state : reachable.keySet()) {
            if (model.step(state, operation.input(), operation.output()).isPresent()) {
                return Optional.of(chainTo(state));
            }
        }
        return Optional.empty();
    }

    private List<Operation<I, O>> chainTo(S state) {
        List<Operation<I, O>> chain = new ArrayList<>();
        Arrival<S, I, O> arrival = reachable.get(state);
        while (arrival != null) {
            chain.addFirst(arrival.operation());
            arrival = reachable.get(arrival.previous());
        }
        return chain;
    }
}
