package io.raftkv.cli;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;

/**
 * One benchmark worker's way to its target. Each worker has its own connection and uses it from one thread at a
 * time, so implementations need not be thread-safe.
 */
interface BenchConnection extends AutoCloseable {
    /** Stores {@code value} under {@code key} unconditionally. */
    BenchReply write(Bytes key, Bytes value);

    /** Reads {@code key}; finding it is a success, not finding it a failure (reads only ask for preloaded keys). */
    BenchReply read(Bytes key, ReadConsistency consistency);

    @Override
    void close();
}
