package io.raftkv.client;

/**
 * The server refused the request in a way that retrying cannot fix: bad input (4xx), an internal error (500), or a
 * full disk ({@link RaftKvNoSpaceException}, 507).
 *
 * @see <a href="../../../../../../docs/http-api.md">the error codes</a>
 */
public class RaftKvRequestException extends RuntimeException {
    private final int status;
    private final String code;

    public RaftKvRequestException(int status, String code, String message) {
        super(status + " " + code + ": " + message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The error code from the JSON body, such as {@code invalid_key}. */
    public String code() {
        return code;
    }
}
