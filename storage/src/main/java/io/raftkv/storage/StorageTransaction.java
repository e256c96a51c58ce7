package io.raftkv.storage;

import io.raftkv.core.Bytes;

/**
 * Writes that become visible together or not at all. Reads through the transaction see its own writes first, so a
 * log entry that holds several requests for one key applies them in order. One transaction per applied log entry,
 * committed together with the applied index.
 */
public interface StorageTransaction extends ReadView, AutoCloseable {

    void put(Keyspace keyspace, Bytes key, Bytes value);

    void delete(Keyspace keyspace, Bytes key);

    /**
     * Makes every write visible at once. Durable against a process crash (kill -9) on return; durable against a
     * machine crash after {@link StorageEngine#sync()}. An I/O failure throws {@link StorageException}.
     */
    void commit();

    /** Discards uncommitted writes. */
    @Override
    void close();
}
