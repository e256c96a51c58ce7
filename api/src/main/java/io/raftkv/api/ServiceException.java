package io.raftkv.api;

import io.raftkv.core.command.Result;

/** The cluster could not answer a request. Front ends map {@link Kind} to their protocol's error. */
public final class ServiceException extends RuntimeException {

    public enum Kind {
        /** No leader or no quorum right now; nothing was applied, so a retry is safe. */
        UNAVAILABLE,
        /** No answer in time; a write may or may not have been applied. */
        TIMEOUT,
        /** Too many requests in flight on this node; nothing was applied. */
        OVERLOADED,
        /** The request was malformed in a way the front end did not catch. */
        INVALID,
        /**
         * A node's disk is nearly full (a NO_SPACE alarm is active), so the cluster refuses writes; nothing was
         * applied. Retrying soon does not help: writes resume by themselves once space is freed on that node.
         */
        NO_SPACE,
        /**
         * A retried write's session had already declared its sequence complete, so its outcome was forgotten; nothing
         * was applied. A client that follows the session protocol never sees it.
         */
        SEQUENCE_FORGOTTEN
    }

    private final Kind kind;

    public ServiceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ServiceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The session layer's answer to a write, as every front end reports it (HTTP: 409 {@code sequence_forgotten}). */
    public static ServiceException sequenceForgotten(Result.SequenceForgotten forgotten) {
        return new ServiceException(Kind.SEQUENCE_FORGOTTEN, "sequence " + forgotten.sequence()
                + " is below the client's completed mark " + forgotten.completedBelow()
                + "; its outcome was forgotten");
    }

    public Kind kind() {
        return kind;
    }
}
