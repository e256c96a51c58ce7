package io.raftkv.statemachine;

import io.raftkv.core.Invariants;
import io.raftkv.core.TtlMillis;
import io.raftkv.storage.StorageTransaction;

/**
 * What the requests of one log entry share while they are applied: the entry's transaction, its cluster time, the
 * revision, which each changing request moves on by one, and the flush state, which a flush_all changes for the
 * requests after it.
 */
final class EntryContext {
    private final StorageTransaction transaction;
    private final long entryTimeMillis;
    private long revision;
    private FlushState flush;

    EntryContext(StorageTransaction transaction, long entryTimeMillis, long revision, FlushState flush) {
        this.transaction = transaction;
        this.entryTimeMillis = entryTimeMillis;
        this.revision = revision;
        this.flush = flush;
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

    FlushState flush() {
        return flush;
    }

    void changeFlush(FlushState newFlush) {
        flush = newFlush;
    }

    /** Whether a record exists for this entry's commands: not expired at the entry's time and not flushed. */
    Visibility visibility() {
        return new Visibility(entryTimeMillis, flush.flushedThroughRevision());
    }

    /**
     * When a write with this time to live ({@link TtlMillis}: never, expired or positive) expires, 0 for never. An
     * expired time to live gives the entry's time (at least 1, since 0 means never), so the record is gone at once
     * and the sweeper finds it in the expiry index. Saturates instead of overflowing, because the leader clock is not
     * bounded by anything a replica could check and a throw here would stop every replica.
     */
    long expiryFor(long ttlMillis) {
        Invariants.check(ttlMillis != TtlMillis.NOT_GIVEN, "a time to live that was not given has no expiry");
        if (ttlMillis == TtlMillis.NEVER) {
            return 0;
        }
        if (ttlMillis == TtlMillis.EXPIRED) {
            return Math.max(1, entryTimeMillis);
        }
        return saturatingAdd(entryTimeMillis, ttlMillis);
    }

    /** The expiry for an optional time to live: {@code currentExpiresAtMillis} when it was not given. */
    long expiryFor(long ttlMillis, long currentExpiresAtMillis) {
        return ttlMillis == TtlMillis.NOT_GIVEN ? currentExpiresAtMillis : expiryFor(ttlMillis);
    }

    /** The cluster time {@code delayMillis} after this entry's, saturating like expiries. */
    long timeAfter(long delayMillis) {
        return saturatingAdd(entryTimeMillis, delayMillis);
    }

    private static long saturatingAdd(long timeMillis, long durationMillis) {
        long sum = timeMillis + durationMillis;
        return sum < timeMillis ? Long.MAX_VALUE : sum;
    }
}
