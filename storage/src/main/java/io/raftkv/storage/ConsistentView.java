package io.raftkv.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A read-only view of one point in time: every read through it sees the same committed state, even while new
 * transactions commit. Close it promptly; an open view pins old data.
 */
public interface ConsistentView extends ReadView, AutoCloseable {

    /**
     * Writes every key space as of this view in the snapshot format ({@link SnapshotFormat}). Commits made since the
     * view was opened are not in it, so a caller may write on another thread while the writer thread goes on.
     */
    void writeSnapshot(OutputStream out) throws IOException;

    @Override
    void close();
}
