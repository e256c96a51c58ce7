package io.raftkv.storage;

/**
 * A read-only view of one point in time: every read through it sees the same committed state, even while new
 * transactions commit. Close it promptly; an open view pins old data.
 */
public interface ConsistentView extends ReadView, AutoCloseable {
    @Override
    void close();
}
