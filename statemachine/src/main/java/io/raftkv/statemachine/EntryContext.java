package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.storage.StorageTransaction;

import java.util.Optional;

/**
 * What the requests of one log entry share while they are applied: the entry's transaction, its cluster time, and
 * the revision, which each changing request moves on by one.
 */
final class EntryContext {
    private final StorageTransaction transaction;
    private final long entryTimeMillis;
    private long revision;

    EntryContext(StorageTransaction transaction, long entryTimeMillis, long revision) {
        this.transaction = transaction;
        this.entryTimeMillis = entryTimeMillis;
        this.revision = revision;
    }

    StorageTransaction transaction() {
        return transaction;
    }

    long entryTimeMillis() {
        return entryTimeMillis;
    }

    long revision() {
        return revision;
    }

    /** Called once by every request that changes something; returns the revision of that change. */
    long nextRevision() {
        revision++;
        return revision;
    }

    /** The key as this entry's commands see it: absent when it has expired at the entry's time. */
    Optional<StoredRecord> readLive(Bytes key) {
        return DataTable.readLive(transaction, key, entryTimeMillis);
    }

    /**
     * When a write with this time to live expires, 0 for never. Saturates instead of overflowing, because the leader
     * clock is not bounded by anything a replica could check and a throw here would stop every replica.
     */
    long expiryFor(long ttlMillis) {
        if (ttlMillis == 0) {
            return 0;
        }
        long expiresAtMillis = entryTimeMillis + ttlMillis;
        return expiresAtMillis < entryTimeMillis ? Long.MAX_VALUE : expiresAtMillis;
    }
}
