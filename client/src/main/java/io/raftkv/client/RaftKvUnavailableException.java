package io.raftkv.client;

import java.util.List;

/**
 * No node answered the operation within the operation timeout: every endpoint was down, had no leader, or timed out.
 * For a write the outcome is unknown, but it was applied at most once.
 */
public final class RaftKvUnavailableException extends RuntimeException {
    private final List<String> endpointsTried;

    public RaftKvUnavailableException(String message, List<String> endpointsTried, String lastError,
                                      Throwable lastCause) {
        super(message + "; tried " + endpointsTried + "; last error: " + lastError, lastCause);
        this.endpointsTried = List.copyOf(endpointsTried);
    }

    RaftKvUnavailableException(String message, List<String> endpointsTried, Throwable cause) {
        this(message, endpointsTried, cause == null ? "none" : String.valueOf(cause.getMessage()), cause);
    }

    public List<String> endpointsTried() {
        return endpointsTried;
    }
}
