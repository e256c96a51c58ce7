package io.raftkv.http;

import io.raftkv.api.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns a failed request into its reply. A {@link ServiceException} is the cluster's documented way of saying it could
 * not answer; anything else is a bug, logged once with its stack here and answered with a generic 500, so internals
 * never reach the client.
 */
final class FailureReplies {
    private static final Logger LOG = LoggerFactory.getLogger(FailureReplies.class);

    private FailureReplies() {
    }

    static Reply of(Throwable failure, InboundRequest request) {
        Throwable cause = unwrap(failure);
        if (cause instanceof InvalidInputException invalid) {
            return Json.errorReply(invalid.error());
        }
        if (cause instanceof ServiceException serviceException) {
            return Json.errorReply(serviceError(serviceException));
        }
        LOG.error("{} {} failed unexpectedly", request.method(), request.uri(), cause);
        return Json.errorReply(ApiError.internal());
    }

    private static ApiError serviceError(ServiceException exception) {
        return switch (exception.kind()) {
            case UNAVAILABLE -> new ApiError(503, "unavailable", exception.getMessage());
            case TIMEOUT -> new ApiError(504, "timeout", exception.getMessage());
            case OVERLOADED -> new ApiError(503, "overloaded", exception.getMessage());
            case INVALID -> ApiError.badRequest(exception.getMessage());
            case NO_SPACE -> ApiError.noSpace(exception.getMessage());
            case SEQUENCE_FORGOTTEN -> new ApiError(409, "sequence_forgotten", exception.getMessage());
        };
    }

    /** Futures wrap the real failure; the reply depends on what is inside. */
    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
