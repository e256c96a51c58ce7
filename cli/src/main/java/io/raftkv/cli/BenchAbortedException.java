package io.raftkv.cli;

/**
 * The benchmark cannot start or go on: the target is unreachable, or the preload failed. Unlike the failures of
 * single operations during a run, which are counted, this ends the command with one line and {@code exitCode}.
 */
final class BenchAbortedException extends RuntimeException {
    private final int exitCode;

    BenchAbortedException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
