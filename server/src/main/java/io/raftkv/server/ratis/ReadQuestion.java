package io.raftkv.server.ratis;

import io.raftkv.core.Invariants;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The two questions of raftkv's own ReadIndex, sent between nodes as Ratis stale reads (answered at once by the
 * state machine of the node asked, whatever its role) and answered with one number:
 * <ul>
 *   <li>{@link #TERM}: the leader asks each voter its current term, to confirm that no newer leader can exist;</li>
 *   <li>{@link #READ_INDEX}: a follower asks the leader for a confirmed read index.</li>
 * </ul>
 * Each is one byte that no {@link io.raftkv.core.codec.QueryCodec} query starts with, so the state machine tells them
 * apart from queries by their first byte.
 */
public enum ReadQuestion {
    TERM((byte) 0x71),
    READ_INDEX((byte) 0x72);

    private static final int ANSWER_BYTES = Long.BYTES;

    private final byte tag;

    ReadQuestion(byte tag) {
        this.tag = tag;
    }

    public byte[] encode() {
        return new byte[] {tag};
    }

    /** The question a message asks, or empty when the message is a query. */
    public static Optional<ReadQuestion> of(byte[] message) {
        if (message.length != 1) {
            return Optional.empty();
        }
        for (ReadQuestion question : values()) {
            if (question.tag == message[0]) {
                return Optional.of(question);
            }
        }
        return Optional.empty();
    }

    public static byte[] encodeAnswer(long answer) {
        return ByteBuffer.allocate(ANSWER_BYTES).putLong(answer).array();
    }

    public static long decodeAnswer(byte[] answer) {
        Invariants.check(answer.length == ANSWER_BYTES, "an answer to a read question has %d bytes, not %d",
                answer.length, ANSWER_BYTES);
        return ByteBuffer.wrap(answer).getLong();
    }
}
