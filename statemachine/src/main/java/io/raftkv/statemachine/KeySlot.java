package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.CacheMarks;
import io.raftkv.core.Invariants;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.command.Result.RevisionMismatch;

import java.util.Optional;

/**
 * A key as one command finds it: what DATA holds, which may be expired or flushed, and the live record that commands
 * see. Writes replace the stored record, not just the live one, so that a dead record's expiry index entry goes too.
 */
record KeySlot(Bytes key, Optional<StoredRecord> stored, Optional<StoredRecord> live) {

    static KeySlot read(EntryContext context, Bytes key) {
        Optional<StoredRecord> stored = DataTable.read(context.transaction(), key);
        return new KeySlot(key, stored, stored.filter(context.visibility()::isLive));
    }

    boolean isLive() {
        return live.isPresent();
    }

    /** The live record; only for a slot known to be live. */
    StoredRecord liveRecord() {
        return live.orElseThrow(() -> new Invariants.InvariantViolation("key " + key + " is not live"));
    }

    /** Whether the key is live with exactly this modRevision. */
    boolean hasModRevision(long modRevision) {
        return live.map(record -> record.metadata().modRevision() == modRevision).orElse(false);
    }

    RevisionMismatch mismatch() {
        return new RevisionMismatch(live.map(StoredRecord::metadata));
    }

    /**
     * A change of value or flags: takes the next revision, creates the key at version 1 when nothing is live, and
     * otherwise moves its version on by one and keeps its createRevision.
     */
    KeyMetadata change(EntryContext context, int flags, long expiresAtMillis, Bytes value, CacheMarks marks) {
        long revision = context.nextRevision();
        KeyMetadata metadata = live
                .map(old -> new KeyMetadata(flags, old.metadata().version() + 1, old.metadata().createRevision(),
                        revision, expiresAtMillis))
                .orElseGet(() -> new KeyMetadata(flags, 1, revision, revision, expiresAtMillis));
        DataTable.write(context.transaction(), key, stored, new StoredRecord(metadata, value, marks));
        return metadata;
    }

    /**
     * A touch or a recache claim: rewrites the live record's expiry and marks and keeps its revisions and version, as
     * memcached keeps the CAS. It takes no revision, since no value changed.
     */
    StoredRecord rewrite(EntryContext context, long expiresAtMillis, CacheMarks marks) {
        StoredRecord old = liveRecord();
        KeyMetadata metadata = new KeyMetadata(old.metadata().flags(), old.metadata().version(),
                old.metadata().createRevision(), old.metadata().modRevision(), expiresAtMillis);
        StoredRecord record = old.withMetadataAndMarks(metadata, marks);
        DataTable.write(context.transaction(), key, stored, record);
        return record;
    }

    /** Deletes the live record, taking the next revision; returns that revision. */
    long delete(EntryContext context) {
        long revision = context.nextRevision();
        DataTable.remove(context.transaction(), key, liveRecord());
        return revision;
    }
}
