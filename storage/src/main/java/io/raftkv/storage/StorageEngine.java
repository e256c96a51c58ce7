package io.raftkv.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where the replicated state lives. Reads on the engine itself see the last committed transaction, never part of one.
 * One thread writes (the state machine's apply thread); many threads read.
 */
public interface StorageEngine extends ReadView, AutoCloseable {

    /** A view of the state as of now that later commits do not change. */
    ConsistentView openView();

    /** Starts a transaction. Only one may be open at a time. */
    StorageTransaction begin();

    /**
     * Writes a consistent point-in-time copy of every key space in the snapshot format ({@link SnapshotFormat}),
     * without stopping readers. To write without holding up the writer thread, open a view on it and call
     * {@link ConsistentView#writeSnapshot} on another thread.
     */
    default void writeSnapshot(OutputStream out) throws IOException {
        try (ConsistentView view = openView()) {
            view.writeSnapshot(out);
        }
    }

    /**
     * Replaces the whole contents with a snapshot. Either all of it is in place afterwards or, on failure or a crash
     * half-way, the old contents are; a snapshot that fails its checksum is refused and changes nothing.
     */
    void restoreSnapshot(InputStream in) throws IOException;

    /** Makes every committed transaction durable against a machine crash (fsync). */
    void sync();

    /** "rocksdb" or "memory", for status pages. */
    String kind();

    /** Approximate bytes of live data, for status pages and benchmarks. */
    long approximateSizeBytes();

    @Override
    void close();
}
