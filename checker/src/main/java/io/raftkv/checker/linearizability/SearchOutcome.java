package io.raftkv.checker.linearizability;

import java.util.List;

/** What one run of {@link Search} found. Operations are named by their position in the searched history. */
sealed interface SearchOutcome<S> {

    /** A linearization exists. */
    record Linearized<S>() implements SearchOutcome<S> {
    }

    /**
     * The search tried every order and none is legal.
     *
     * @param longestOrder      the most operations it linearized at once, in linearization order
     * @param blockingOperation the operation that had to be linearized next at that point, and could not be
     * @param rejectedStates    some states in which the model rejected the blocking operation
     */
    record Refuted<S>(List<Integer> longestOrder, int blockingOperation, List<S> rejectedStates)
            implements SearchOutcome<S> {
    }

    /** The search stopped before it could decide. */
    record GaveUp<S>(String reason) implements SearchOutcome<S> {
    }
}
