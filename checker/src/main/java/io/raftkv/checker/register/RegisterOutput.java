package io.raftkv.checker.register;

/** What a register operation returned. An unknown outcome is not an output: it is a {@code null} output. */
public sealed interface RegisterOutput {

    /**
     * The value a read returned.
     *
     * @param value {@code null} when the read found nothing (the key is absent)
     */
    record ReadValue(String value) implements RegisterOutput {
    }

    /** A write was acknowledged. */
    record Written() implements RegisterOutput {
    }

    /**
     * A compare-and-set was acknowledged. A refusal ({@code swapped == false}) is an observation too: it says the
     * register did not hold the expected value at that moment, and it is checked as such.
     */
    record CompareAndSetResult(boolean swapped) implements RegisterOutput {
    }
}
