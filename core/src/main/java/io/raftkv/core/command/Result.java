package io.raftkv.core.command;

import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;

import java.util.Optional;

/**
 * The outcome of applying one command. Expected outcomes (not found, a failed compare) are values here, never
 * exceptions: exceptions during apply mean a broken node.
 */
public sealed interface Result {

    /** A put or append took effect. {@code metadata.modRevision()} is the new store revision. */
    record Written(KeyMetadata metadata) implements Result {
    }

    /** A delete took effect at {@code revision}; {@code previous} is what the key had. */
    record Deleted(long revision, KeyMetadata previous) implements Result {
    }

    /** The key does not exist (or has expired). Nothing changed. */
    record NotFound() implements Result {
    }

    /** A compare-and-swap found another modRevision. {@code current} is empty when the key is absent. */
    record RevisionMismatch(Optional<KeyMetadata> current) implements Result {
    }

    /** The command was valid on its own but not against the current state (an append past the value limit). */
    record Rejected(RejectReason reason, String message) implements Result {
    }

    /** A sweep ran: how many keys it expired and how many idle sessions it forgot. */
    record Swept(int keysExpired, int sessionsForgotten) implements Result {
    }

    /** A node's announcement was recorded: its HTTP address, or a NO_SPACE alarm raised or cleared. */
    record Announced() implements Result {
    }

    /** The client retried a write whose sequence it had already declared complete; the outcome was forgotten. */
    record SequenceForgotten(long sequence, long completedBelow) implements Result {
    }

    /** An arithmetic command took effect; {@code value} is the new unsigned 64-bit value, as a long's bits. */
    record Counted(KeyMetadata metadata, long value) implements Result {
    }

    /**
     * A fetch found (or created) the key; {@code keyValue} and {@code marks} are as the command left them.
     *
     * @param won this caller won the right to recache the key (memcached's W flag)
     */
    record Fetched(KeyValue keyValue, CacheMarks marks, boolean won) implements Result {
    }

    /**
     * A flush_all was recorded.
     *
     * @param flushAtMillis the cluster time at which it takes (or took) effect
     */
    record Flushed(long flushAtMillis) implements Result {
    }

    enum RejectReason {
        VALUE_TOO_LARGE,
        INVALID_REQUEST,
        /** Arithmetic on a value that is not an unsigned 64-bit decimal number. */
        NOT_A_NUMBER
    }
}
