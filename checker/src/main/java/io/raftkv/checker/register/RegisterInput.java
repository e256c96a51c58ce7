package io.raftkv.checker.register;

import java.util.Objects;

/** What a register operation asks. */
public sealed interface RegisterInput {

    /** Reads the current value. */
    record Read() implements RegisterInput {
    }

    /** Replaces the value. */
    record Write(String value) implements RegisterInput {
        public Write {
            Objects.requireNonNull(value, "a write needs a value");
        }
    }

    /**
     * Replaces the value with {@code value} if, and only if, it currently is {@code expected}.
     *
     * @param expected the value it must hold, or {@code null} for "absent"
     */
    record CompareAndSet(String expected, String value) implements RegisterInput {
        public CompareAndSet {
            Objects.requireNonNull(value, "a compare-and-set needs a new value");
        }
    }
}
