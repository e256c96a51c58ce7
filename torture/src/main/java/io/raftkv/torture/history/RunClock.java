package io.raftkv.torture.history;

/**
 * The harness's own monotonic clock, in nanoseconds since the run started. Every time in the history and the fault
 * timeline comes from here, never from the servers' clocks, which the nemesis skews.
 */
public final class RunClock {
    private final long startNanos = System.nanoTime();

    public long nanos() {
        return System.nanoTime() - startNanos;
    }

    public double seconds() {
        return nanos() / 1e9;
    }
}
