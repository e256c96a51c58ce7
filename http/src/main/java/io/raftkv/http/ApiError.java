package io.raftkv.http;

/**
 * An error as the API reports it: the HTTP status and the stable machine-readable code of docs/http-api.md.
 *
 * @param status  the HTTP status, 4xx or 5xx
 * @param code    the error code clients switch on, such as {@code invalid_key}
 * @param message a sentence for people; never a stack trace or an internal detail
 */
record ApiError(int status, String code, String message) {

    static ApiError invalidKey(String message) {
        return new ApiError(400, "invalid_key", message);
    }

    static ApiError invalidParameter(String message) {
        return new ApiError(400, "invalid_parameter", message);
    }

    static ApiError unknownParameter(String name) {
        return new ApiError(400, "unknown_parameter", "this route does not take the parameter '" + name + "'");
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }

    static ApiError valueTooLarge(String message) {
        return new ApiError(413, "value_too_large", message);
    }

    /**
     * 507 Insufficient Storage: a node's disk is nearly full and the cluster refuses writes until space is freed.
     * Not 503, which clients retry at once: this lasts until an operator acts.
     */
    static ApiError noSpace(String message) {
        return new ApiError(507, "no_space", message);
    }

    static ApiError internal() {
        return new ApiError(500, "internal", "internal error; the node's log has the details");
    }
}
