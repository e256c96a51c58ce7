package io.raftkv.storage;

import io.raftkv.core.Bytes;

import java.util.Optional;

/** Reads of committed state, or of a transaction's state including its own uncommitted writes. */
public interface ReadView {

    Optional<Bytes> get(Keyspace keyspace, Bytes key);

    /**
     * Visits the entries with keys in [start, end) in unsigned byte order until the visitor returns false.
     *
     * @param end exclusive upper bound; empty for "to the last key"
     */
    void scan(Keyspace keyspace, Bytes start, Optional<Bytes> end, ScanVisitor visitor);

    @FunctionalInterface
    interface ScanVisitor {
        /** Returns whether to go on. */
        boolean visit(Bytes key, Bytes value);
    }
}
