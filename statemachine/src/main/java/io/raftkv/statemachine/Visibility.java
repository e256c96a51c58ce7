package io.raftkv.statemachine;

import io.raftkv.core.Invariants;
import io.raftkv.core.KeyMetadata;

/**
 * The one rule for whether a stored record exists for commands and queries: it is live when it has not expired at
 * the cluster time and was last written after the last flush_all that took effect. Everything that reads a key (get,
 * range, cache get, every command, the sweep) decides through here, so that they all agree.
 *
 * @param clusterTimeMillis       the entry's time for commands, the last applied entry's time for queries
 * @param flushedThroughRevision  records whose modRevision is at or below this were flushed; 0 before any flush
 */
record Visibility(long clusterTimeMillis, long flushedThroughRevision) {
    Visibility {
        Invariants.check(flushedThroughRevision >= 0, "flushedThroughRevision must not be negative, was %d",
                flushedThroughRevision);
    }

    /** What queries judge by: the position and the flush state read from the same committed view. */
    static Visibility of(AppliedPosition position, FlushState flush) {
        return new Visibility(position.clusterTimeMillis(), flush.flushedThroughRevision());
    }

    boolean isLive(StoredRecord record) {
        return isLive(record.metadata());
    }

    boolean isLive(KeyMetadata metadata) {
        return !metadata.isExpiredAt(clusterTimeMillis) && !isFlushed(metadata);
    }

    boolean isFlushed(KeyMetadata metadata) {
        return metadata.modRevision() <= flushedThroughRevision;
    }
}
