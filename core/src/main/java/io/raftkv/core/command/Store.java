package io.raftkv.core.command;

import io.raftkv.core.Bytes;

/**
 * memcached's storage commands (set, add, replace, append, prepend, cas and meta set) on the replicated model.
 *
 * <p>Outcomes: {@link Result.Written} when stored. {@link Result.NotFound} when the mode needs an existing key
 * (REPLACE, APPEND, PREPEND without vivify) or a compare was asked for and the key is missing.
 * {@link Result.RevisionMismatch} when ADD finds the key, or the compare fails (with {@code invalidateIfOlder}, a
 * compare revision older than the key's stores anyway and marks the key stale). {@link Result.Rejected} when an
 * append or prepend would outgrow {@code valueBytesMax}.
 *
 * <p>SET, ADD and REPLACE set the flags and the expiry. APPEND and PREPEND keep the existing flags and expiry, and
 * use {@code flags} and {@code vivifyTtlMillis} only when they create a missing key.
 *
 * @param ttlMillis          SET/ADD/REPLACE: the time to live ({@link io.raftkv.core.TtlMillis}: NEVER, EXPIRED or
 *                           positive); ignored by APPEND and PREPEND
 * @param compareRevision    {@link #NO_COMPARE}, or the modRevision the key must have (memcached's CAS unique)
 * @param invalidateIfOlder  meta set's I flag: a compare revision lower than the key's stores and marks it stale
 * @param vivifyTtlMillis    APPEND/PREPEND only: create a missing key with this time to live, or
 *                           {@link io.raftkv.core.TtlMillis#NOT_GIVEN} to answer not found
 * @param valueBytesMax      the longest value the proposing node allows, judged on every replica the same way
 */
public record Store(Bytes key, Bytes value, int flags, long ttlMillis, StoreMode mode, long compareRevision,
                    boolean invalidateIfOlder, long vivifyTtlMillis, int valueBytesMax)
        implements CacheCommand<StoreResult> {
    public static final long NO_COMPARE = -1;

    public boolean compares() {
        return compareRevision != NO_COMPARE;
    }

    @Override
    public Class<StoreResult> resultType() {
        return StoreResult.class;
    }
}
