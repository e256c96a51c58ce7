package io.raftkv.checker.linearizability;

import java.time.Duration;

/**
 * A point on the monotonic clock after which a check stops and answers "unknown". It is kept as a start and a budget
 * rather than an absolute time so that comparisons stay correct when {@link System#nanoTime()} is negative or the
 * budget is practically infinite.
 */
record Deadline(long startNanos, long budgetNanos) {

    private static final Duration LONGEST_BUDGET = Duration.ofNanos(Long.MAX_VALUE);

    static Deadline after(Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("negative time budget: " + budget);
        }
        long budgetNanos = budget.compareTo(LONGEST_BUDGET) >= 0 ? Long.MAX_VALUE : budget.toNanos();
        return new Deadline(System.nanoTime(), budgetNanos);
    }

    boolean passed() {
        return elapsedNanos() >= budgetNanos;
    }

    long remainingNanos() {
        return Math.max(0, budgetNanos - elapsedNanos());
    }

    /** A deadline, starting now, that gives one of {@code parts} pieces of work an equal share of what remains. */
    Deadline shareOf(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("cannot share a deadline among " + parts + " parts");
        }
        return new Deadline(System.nanoTime(), remainingNanos() / parts);
    }

    private long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }
}
