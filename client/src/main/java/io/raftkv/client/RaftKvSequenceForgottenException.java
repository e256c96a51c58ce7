package io.raftkv.client;

/**
 * The server had already forgotten the outcome of this write (HTTP 409, error code {@code sequence_forgotten}): its
 * sequence was below the client's completed mark when it arrived, so nothing was applied for it. This client only
 * declares a sequence complete once its write has an answer, so seeing this means two clients share an id, or a bug.
 * It is not retried.
 */
public final class RaftKvSequenceForgottenException extends RaftKvRequestException {
    public static final int STATUS = 409;
    public static final String CODE = "sequence_forgotten";

    private final long sequence;
    private final long completedBelow;

    public RaftKvSequenceForgottenException(long sequence, long completedBelow) {
        super(STATUS, CODE, "the server forgot the outcome of sequence " + sequence + " (completed below "
                + completedBelow + ")");
        this.sequence = sequence;
        this.completedBelow = completedBelow;
    }

    /** The write's sequence, as this client sent it. */
    public long sequence() {
        return sequence;
    }

    /** The completed mark this client sent with it. */
    public long completedBelow() {
        return completedBelow;
    }
}
