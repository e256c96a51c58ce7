package io.raftkv.checker.linearizability;

import io.raftkv.checker.Operation;

import java.util.List;
import java.util.Objects;

/** The linearizability checker's judgement of one key's history. */
public sealed interface Verdict<I, O> {

    /** Some order of the operations, consistent with real time, is legal for the model. */
    record Linearizable<I, O>() implements Verdict<I, O> {
    }

    /**
     * No legal order exists.
     *
     * @param minimalHistory          a small sub-history that is still not linearizable, in invocation order: the
     *                                bug, cut down to what a person can read ({@code checker/README.md} says what
     *                                it does and does not prove)
     * @param longestLinearizedPrefix the largest set of operations of the whole history the search managed to
     *                                linearize, in linearization order
     * @param explanation             which operation could not be linearized, and the states it could have seen
     */
    record NotLinearizable<I, O>(List<Operation<I, O>> minimalHistory, List<Operation<I, O>> longestLinearizedPrefix,
                                 String explanation) implements Verdict<I, O> {
        public NotLinearizable {
            minimalHistory = List.copyOf(minimalHistory);
            longestLinearizedPrefix = List.copyOf(longestLinearizedPrefix);
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    /** The checker could not decide, typically because its time budget ran out. */
    record Unknown<I, O>(String reason) implements Verdict<I, O> {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
