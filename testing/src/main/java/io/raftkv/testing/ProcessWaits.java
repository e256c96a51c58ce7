package io.raftkv.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits on a process without making every caller handle interruption. */
final class ProcessWaits {
    private ProcessWaits() {
    }

    /** True when the process exited within the timeout. */
    static boolean exited(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pid " + process.pid(), interrupted);
        }
    }
}
