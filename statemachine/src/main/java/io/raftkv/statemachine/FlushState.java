package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.ReadView;
import io.raftkv.storage.StorageTransaction;

/**
 * What flush_all left in META. A flush is lazy: it records a revision, and every record written at or before it is
 * gone for every reader at once, without a scan; the sweeper reclaims the storage later. A delayed flush waits in
 * {@code pendingAtMillis} until the first entry whose cluster time reaches it.
 *
 * <p>Both keys are absent until first needed and a zero is stored as an absent key, so a store that never saw a
 * flush_all keeps the META layout it had before flushes existed.
 *
 * @param flushedThroughRevision records whose modRevision is at or below this were flushed; 0 before any flush
 * @param pendingAtMillis        the cluster time at which a delayed flush takes effect, {@link #NONE_PENDING} if none
 */
record FlushState(long flushedThroughRevision, long pendingAtMillis) {
    static final long NONE_PENDING = 0;
    static final FlushState INITIAL = new FlushState(0, NONE_PENDING);

    FlushState {
        Invariants.check(flushedThroughRevision >= 0, "flushedThroughRevision must not be negative, was %d",
                flushedThroughRevision);
        Invariants.check(pendingAtMillis >= 0, "pendingAtMillis must not be negative, was %d", pendingAtMillis);
    }

    static FlushState load(ReadView view) {
        return new FlushState(readLong(view, MetaKeys.FLUSHED_THROUGH_REVISION),
                readLong(view, MetaKeys.FLUSH_PENDING_AT_MILLIS));
    }

    void save(StorageTransaction transaction) {
        saveLong(transaction, MetaKeys.FLUSHED_THROUGH_REVISION, flushedThroughRevision);
        saveLong(transaction, MetaKeys.FLUSH_PENDING_AT_MILLIS, pendingAtMillis);
    }

    boolean isPending() {
        return pendingAtMillis != NONE_PENDING;
    }

    /** Whether the pending flush takes effect at an entry of this cluster time. */
    boolean isDueAt(long entryTimeMillis) {
        return isPending() && entryTimeMillis >= pendingAtMillis;
    }

    /**
     * The flush taking effect now: everything written at or before {@code revision} is gone, and any pending flush is
     * done with (a flush now includes whatever it would have flushed).
     */
    FlushState flushedThrough(long revision) {
        Invariants.check(revision >= flushedThroughRevision, "flush through revision %d would go back from %d",
                revision, flushedThroughRevision);
        return new FlushState(revision, NONE_PENDING);
    }

    /** A delayed flush at {@code atMillis}, replacing any pending one. */
    FlushState pendingAt(long atMillis) {
        Invariants.check(atMillis != NONE_PENDING, "a pending flush needs a time after 0");
        return new FlushState(flushedThroughRevision, atMillis);
    }

    private static long readLong(ReadView view, Bytes key) {
        return view.get(Keyspace.META, key).map(value -> MetaKeys.decodeLong(key, value)).orElse(0L);
    }

    private static void saveLong(StorageTransaction transaction, Bytes key, long value) {
        if (value == 0) {
            transaction.delete(Keyspace.META, key);
        } else {
            transaction.put(Keyspace.META, key, MetaKeys.encodeLong(value));
        }
    }
}
