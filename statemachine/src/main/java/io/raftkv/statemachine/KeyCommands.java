package io.raftkv.statemachine;

import io.raftkv.core.KeyMetadata;
import io.raftkv.core.command.Append;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.Deleted;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.core.command.Result.RejectReason;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Result.RevisionMismatch;
import io.raftkv.core.command.Result.Written;

import java.util.Optional;

/** Put, append and delete: the commands that change one key. Each sees an expired key as absent. */
final class KeyCommands {
    private KeyCommands() {
    }

    static Result put(EntryContext context, Put put) {
        Optional<StoredRecord> stored = DataTable.read(context.transaction(), put.key());
        Optional<StoredRecord> live = stored.filter(record -> !record.isExpiredAt(context.entryTimeMillis()));
        if (put.isConditional() && !compareSucceeds(put.ifModRevision(), live)) {
            return new RevisionMismatch(live.map(StoredRecord::metadata));
        }
        long revision = context.nextRevision();
        long expiresAtMillis = context.expiryFor(put.ttlMillis());
        KeyMetadata metadata = live
                .map(old -> new KeyMetadata(put.flags(), old.metadata().version() + 1,
                        old.metadata().createRevision(), revision, expiresAtMillis))
                .orElseGet(() -> new KeyMetadata(put.flags(), 1, revision, revision, expiresAtMillis));
        // The stored record, not just the live one, is replaced, so an expired record's index entry goes too.
        DataTable.write(context.transaction(), put.key(), stored, new StoredRecord(metadata, put.value()));
        return new Written(metadata);
    }

    static Result append(EntryContext context, Append append) {
        Optional<StoredRecord> live = context.readLive(append.key());
        if (live.isEmpty()) {
            return new NotFound();
        }
        StoredRecord old = live.get();
        long lengthBytes = (long) old.value().length() + append.suffix().length();
        long lengthBytesMax = Math.min(append.valueBytesMax(), RequestValidator.VALUE_BYTES_HARD_MAX);
        if (lengthBytes > lengthBytesMax) {
            return new Rejected(RejectReason.VALUE_TOO_LARGE,
                    "appending would make the value " + lengthBytes + " bytes, more than " + lengthBytesMax);
        }
        long revision = context.nextRevision();
        long expiresAtMillis = append.ttlMillis() == Append.KEEP_EXPIRY
                ? old.metadata().expiresAtMillis() : context.expiryFor(append.ttlMillis());
        KeyMetadata metadata = new KeyMetadata(old.metadata().flags(), old.metadata().version() + 1,
                old.metadata().createRevision(), revision, expiresAtMillis);
        DataTable.write(context.transaction(), append.key(), live,
                new StoredRecord(metadata, old.value().concat(append.suffix())));
        return new Written(metadata);
    }

    static Result delete(EntryContext context, Delete delete) {
        Optional<StoredRecord> live = context.readLive(delete.key());
        if (live.isEmpty()) {
            return new NotFound();
        }
        long revision = context.nextRevision();
        DataTable.remove(context.transaction(), delete.key(), live.get());
        return new Deleted(revision, live.get().metadata());
    }

    private static boolean compareSucceeds(long ifModRevision, Optional<StoredRecord> live) {
        if (ifModRevision == Put.IF_ABSENT) {
            return live.isEmpty();
        }
        return live.map(record -> record.metadata().modRevision() == ifModRevision).orElse(false);
    }
}
