package io.raftkv.cli.failover;

/** A trial did not measure what it claims (or could not measure at all); the run stops and says why. */
public final class TrialFailedException extends RuntimeException {
    TrialFailedException(String message) {
        super(message);
    }
}
