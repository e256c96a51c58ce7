package io.raftkv.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition by checking it at a fixed interval, up to a deadline. */
final class Poll {
    /** Often enough that a test waits little past the moment a condition holds, rarely enough to load nothing. */
    static final long INTERVAL_MILLIS = 100;

    private Poll() {
    }

    /**
     * Checks until the condition holds; throws an {@link IllegalStateException} naming {@code what} and the last
     * observation when the timeout passes first. Exceptions from the condition end the wait at once.
     */
    static void until(String what, Duration timeout, Supplier<Boolean> condition, Supplier<String> lastObservation) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; last seen: " + lastObservation.get());
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", interrupted);
        }
    }
}
