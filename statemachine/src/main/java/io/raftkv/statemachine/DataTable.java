package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.ReadView;
import io.raftkv.storage.StorageTransaction;

import java.util.Optional;

/**
 * The DATA key space together with its expiry index. Writes go through here so that the two never disagree: every
 * record with an expiry has exactly one EXPIRY entry.
 */
final class DataTable {
    private DataTable() {
    }

    /** The stored record, expired, flushed or not: what sweeps and overwrites need. */
    static Optional<StoredRecord> read(ReadView view, Bytes key) {
        return view.get(Keyspace.DATA, key).map(StoredRecord::decode);
    }

    /**
     * The record as commands and queries see it: an expired or flushed record is absent even before the sweep
     * deletes it.
     */
    static Optional<StoredRecord> readLive(ReadView view, Bytes key, Visibility visibility) {
        return read(view, key).filter(visibility::isLive);
    }

    /** Replaces whatever the key held, expired, flushed or not, moving its expiry index entry along. */
    static void write(StorageTransaction transaction, Bytes key, Optional<StoredRecord> previous, StoredRecord record) {
        previous.ifPresent(old -> ExpiryIndex.remove(transaction, key, old.metadata()));
        transaction.put(Keyspace.DATA, key, record.encode());
        ExpiryIndex.add(transaction, key, record.metadata());
    }

    static void remove(StorageTransaction transaction, Bytes key, StoredRecord previous) {
        ExpiryIndex.remove(transaction, key, previous.metadata());
        transaction.delete(Keyspace.DATA, key);
    }
}
