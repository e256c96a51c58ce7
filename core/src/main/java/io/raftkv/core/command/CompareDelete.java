package io.raftkv.core.command;

import io.raftkv.core.Bytes;

/**
 * memcached's meta delete: delete, or invalidate (mark stale and keep), or clear the value, optionally only if the
 * key's modRevision matches.
 *
 * <p>Outcomes: {@link Result.Deleted} when the key was removed. {@link Result.Written} when it was kept, marked
 * stale and/or emptied (a write: the modRevision moves, as memcached's CAS does). {@link Result.NotFound} when
 * missing. {@link Result.RevisionMismatch} when the compare fails.
 *
 * @param compareRevision  {@link Store#NO_COMPARE} or the modRevision the key must have
 * @param markStale        keep the key and mark it stale instead of deleting it (I flag)
 * @param staleTtlMillis   with markStale: a new time to live, or {@link io.raftkv.core.TtlMillis#NOT_GIVEN}
 * @param clearValue       keep the key with an empty value instead of deleting it (x flag)
 */
public record CompareDelete(Bytes key, long compareRevision, boolean markStale, long staleTtlMillis,
                            boolean clearValue) implements CacheCommand<CompareDeleteResult> {
    @Override
    public Class<CompareDeleteResult> resultType() {
        return CompareDeleteResult.class;
    }
}
