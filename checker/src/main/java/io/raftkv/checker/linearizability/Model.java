package io.raftkv.checker.linearizability;

import java.util.Optional;

/**
 * The sequential specification of an object, used by {@link LinearizabilityChecker} to decide whether a concurrent
 * history could have come from one copy of it.
 *
 * @param <S> the state; must implement {@code equals} and {@code hashCode} (a record), because the checker caches the
 *            states it has visited
 * @param <I> what an operation asks
 * @param <O> what an operation returns
 */
public interface Model<S, I, O> {

    /** The state before any operation. */
    S initialState();

    /**
     * Applies one operation to {@code state}.
     *
     * @param output what the operation returned, or {@code null} when the outcome is unknown; then the model must
     *               accept whatever the operation would have returned and apply its effect
     * @return the state after the operation if returning {@code output} is legal in {@code state}, otherwise empty
     */
    Optional<S> step(S state, I input, O output);

    /** A short human-readable form of one operation for reports, for example {@code write("a")}. */
    String describe(I input, O output);

    /**
     * Whether an operation with this input never changes the state: {@link #step} returns either {@code state} itself
     * or empty, whatever the output. The checker drops such operations when their outcome is unknown (they constrain
     * nothing) and removes them first when it shrinks a failing history. The default, {@code false}, is always safe.
     */
    default boolean isReadOnly(I input) {
        return false;
    }
}
