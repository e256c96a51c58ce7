package io.raftkv.client;

/**
 * The cluster refuses writes because a node's disk is nearly full (HTTP 507, error code {@code no_space}); the
 * refused attempt applied nothing (an earlier attempt of the same write that timed out keeps its unknown outcome).
 * It is not retried: writes resume by themselves once an operator frees space on the node the message
 * names, which takes longer than any operation timeout. Reads still work meanwhile.
 */
public final class RaftKvNoSpaceException extends RaftKvRequestException {
    public static final int STATUS = 507;
    public static final String CODE = "no_space";

    public RaftKvNoSpaceException(String message) {
        super(STATUS, CODE, message);
    }
}
