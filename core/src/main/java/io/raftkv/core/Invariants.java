package io.raftkv.core;

/**
 * Always-on checks of what must be true. Unlike Java {@code assert}, these run in production: a broken invariant in a
 * replicated store must stop the node loudly rather than spread bad state.
 */
public final class Invariants {
    private Invariants() {
    }

    public static void check(boolean condition, String messageFormat, Object... arguments) {
        if (!condition) {
            throw new InvariantViolation(String.format(messageFormat, arguments));
        }
    }

    /** A bug or corrupted state, never a user error. */
    public static final class InvariantViolation extends IllegalStateException {
        public InvariantViolation(String message) {
            super(message);
        }
    }
}
