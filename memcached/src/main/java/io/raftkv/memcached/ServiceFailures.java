package io.raftkv.memcached;

import io.raftkv.api.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns a failed request into its error line. A {@link ServiceException} is the cluster saying it could not answer:
 * unavailable or overloaded means nothing was applied (a retry is safe), a timed-out write may or may not have been
 * applied, and "no space" means a node's disk is nearly full: nothing was applied and writes resume by themselves
 * once space is freed there. Anything else is a bug, logged once here with its stack and answered with a generic
 * line, so internals never reach the client. The connection stays open either way.
 */
final class ServiceFailures {
    /** Reasons are shortened so an error line stays one short line whatever the cause said. */
    static final int REASON_CHARACTERS_MAX = 200;
    static final String INTERNAL_ERROR = "SERVER_ERROR internal error";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceFailures.class);

    private ServiceFailures() {
    }

    static Reply of(Throwable failure, Step.Stage stage, String requestName) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ServiceException serviceException) {
            return Reply.line(serviceError(serviceException, stage));
        }
        LOG.error("memcached {} failed unexpectedly", requestName, cause);
        return Reply.line(INTERNAL_ERROR);
    }

    private static String serviceError(ServiceException exception, Step.Stage stage) {
        String reason = oneLine(exception.getMessage());
        return switch (exception.kind()) {
            case UNAVAILABLE -> "SERVER_ERROR unavailable: " + reason;
            case OVERLOADED -> "SERVER_ERROR overloaded: " + reason;
            case TIMEOUT -> switch (stage) {
                case WRITE -> "SERVER_ERROR outcome unknown: " + reason;
                case READ -> "SERVER_ERROR timeout: " + reason;
            };
            // Like an invalid request, a forgotten sequence is the client's doing; memcached's writes carry no session.
            case INVALID, SEQUENCE_FORGOTTEN -> "CLIENT_ERROR " + reason;
            case NO_SPACE -> "SERVER_ERROR no space: " + reason;
        };
    }

    /** Control characters would break the line framing, so they become spaces. */
    static String oneLine(String text) {
        String source = text == null ? "no reason given" : text;
        StringBuilder line = new StringBuilder(Math.min(source.length(), REASON_CHARACTERS_MAX));
        for (int index = 0; index < source.length() && line.length() < REASON_CHARACTERS_MAX; index++) {
            char character = source.charAt(index);
            line.append(Character.isISOControl(character) ? ' ' : character);
        }
        return line.toString();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
