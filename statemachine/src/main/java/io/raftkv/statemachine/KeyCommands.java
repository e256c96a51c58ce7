package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.command.Append;
import io.raftkv.core.command.AppendResult;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.DeleteResult;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Result.Deleted;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.core.command.Result.RejectReason;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Result.Written;

import java.util.Optional;

/**
 * Put, append and delete: the commands that change one key. Each sees an expired or flushed key as absent. They
 * leave no cache marks: an ordinary write ends any stale-while-revalidate state.
 */
final class KeyCommands {
    private KeyCommands() {
    }

    static PutResult put(EntryContext context, Put put) {
        KeySlot slot = KeySlot.read(context, put.key());
        if (put.isConditional() && !compareSucceeds(put.ifModRevision(), slot)) {
            return slot.mismatch();
        }
        return new Written(slot.change(context, put.flags(), context.expiryFor(put.ttlMillis()), put.value(),
                CacheMarks.NONE));
    }

    static AppendResult append(EntryContext context, Append append) {
        KeySlot slot = KeySlot.read(context, append.key());
        if (!slot.isLive()) {
            return new NotFound();
        }
        StoredRecord old = slot.liveRecord();
        Optional<Rejected> tooLarge = lengthProblem(old.value(), append.suffix(), append.valueBytesMax());
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        long expiresAtMillis = append.ttlMillis() == Append.KEEP_EXPIRY
                ? old.metadata().expiresAtMillis() : context.expiryFor(append.ttlMillis());
        KeyMetadata metadata = slot.change(context, old.metadata().flags(), expiresAtMillis,
                old.value().concat(append.suffix()), CacheMarks.NONE);
        return new Written(metadata);
    }

    static DeleteResult delete(EntryContext context, Delete delete) {
        KeySlot slot = KeySlot.read(context, delete.key());
        if (!slot.isLive()) {
            return new NotFound();
        }
        return new Deleted(slot.delete(context), slot.liveRecord().metadata());
    }

    /**
     * Joining {@code first} and {@code second} must stay within the command's limit and the hard cap; a value that
     * would outgrow them is rejected and nothing changes.
     */
    static Optional<Rejected> lengthProblem(Bytes first, Bytes second, int valueBytesMax) {
        long lengthBytes = (long) first.length() + second.length();
        long lengthBytesMax = Math.min(valueBytesMax, RequestValidator.VALUE_BYTES_HARD_MAX);
        if (lengthBytes <= lengthBytesMax) {
            return Optional.empty();
        }
        return Optional.of(new Rejected(RejectReason.VALUE_TOO_LARGE,
                "the value would grow to " + lengthBytes + " bytes, more than " + lengthBytesMax));
    }

    private static boolean compareSucceeds(long ifModRevision, KeySlot slot) {
        if (ifModRevision == Put.IF_ABSENT) {
            return !slot.isLive();
        }
        return slot.hasModRevision(ifModRevision);
    }
}
