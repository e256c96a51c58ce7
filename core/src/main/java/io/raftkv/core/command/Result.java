package io.raftkv.core.command;

import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;

import java.util.Optional;

/**
 * The outcome of applying one request. Expected outcomes (not found, a failed compare) are values here, never
 * exceptions: exceptions during apply mean a broken node.
 *
 * <p>Each command answers with the variants of its own result type ({@link PutResult}, {@link StoreResult}, ...;
 * {@link Swept} for a sweep), which a record may belong to several of. {@link SequenceForgotten} belongs to none: it is
 * the session layer's answer to a retry it can no longer recognise, whatever the command.
 */
public sealed interface Result permits PutResult, AppendResult, DeleteResult, StoreResult, ArithmeticResult,
        FetchResult, CompareDeleteResult, FlushAllResult, AnnounceResult, Result.Swept, Result.SequenceForgotten {

    /**
     * A put, append or store took effect, or a compare-delete kept the key. {@code metadata.modRevision()} is the new
     * store revision.
     */
    record Written(KeyMetadata metadata) implements PutResult, AppendResult, StoreResult, CompareDeleteResult {
    }

    /** A delete took effect at {@code revision}; {@code previous} is what the key had. */
    record Deleted(long revision, KeyMetadata previous) implements DeleteResult, CompareDeleteResult {
    }

    /** The key does not exist (or has expired). Nothing changed. */
    record NotFound() implements AppendResult, DeleteResult, StoreResult, ArithmeticResult, FetchResult,
            CompareDeleteResult {
    }

    /** A compare-and-swap found another modRevision. {@code current} is empty when the key is absent. */
    record RevisionMismatch(Optional<KeyMetadata> current) implements PutResult, StoreResult, ArithmeticResult,
            CompareDeleteResult {
    }

    /**
     * The command was refused and nothing changed: invalid on its own ({@code INVALID_REQUEST}, which every command but
     * a sweep can get), or not against the current state (an append past the value limit, arithmetic on a value that
     * is not a number).
     */
    record Rejected(RejectReason reason, String message) implements PutResult, AppendResult, DeleteResult,
            StoreResult, ArithmeticResult, FetchResult, CompareDeleteResult, FlushAllResult, AnnounceResult {
    }

    /** A sweep ran: how many keys it expired and how many idle sessions it forgot. */
    record Swept(int keysExpired, int sessionsForgotten) implements Result {
    }

    /** A node's announcement was recorded: its HTTP address, or a NO_SPACE alarm raised or cleared. */
    record Announced() implements AnnounceResult {
    }

    /**
     * The client retried a write whose sequence it had already declared complete; the outcome was forgotten. The
     * session layer's answer, not a command's: the node turns it into a service error of its own.
     */
    record SequenceForgotten(long sequence, long completedBelow) implements Result {
    }

    /** An arithmetic command took effect; {@code value} is the new unsigned 64-bit value, as a long's bits. */
    record Counted(KeyMetadata metadata, long value) implements ArithmeticResult {
    }

    /**
     * A fetch found (or created) the key; {@code keyValue} and {@code marks} are as the command left them.
     *
     * @param won this caller won the right to recache the key (memcached's W flag)
     */
    record Fetched(KeyValue keyValue, CacheMarks marks, boolean won) implements FetchResult {
    }

    /**
     * A flush_all was recorded.
     *
     * @param flushAtMillis the cluster time at which it takes (or took) effect
     */
    record Flushed(long flushAtMillis) implements FlushAllResult {
    }

    enum RejectReason {
        VALUE_TOO_LARGE,
        INVALID_REQUEST,
        /** Arithmetic on a value that is not an unsigned 64-bit decimal number. */
        NOT_A_NUMBER
    }
}
