package io.raftkv.core.command;

import io.raftkv.core.Bytes;

/**
 * A read that changes the key, so it goes through the log: touch, get-and-touch, and meta get with T (touch), N
 * (vivify on miss) or R (win the recache when the remaining time to live is short), or on a stale key.
 *
 * <p>Outcomes: {@link Result.Fetched} with the key as it is after the command, or {@link Result.NotFound}.
 *
 * <p>The recache win goes to exactly one caller: the first Fetch that finds the key stale, created by vivify, or with
 * less than {@code recacheBelowMillis} to live, while no win has been handed out since the last write. Touching and
 * claiming keep the key's modRevision and version (as memcached keeps the CAS) and do not move the revision;
 * creating a key by vivify is a write like any other.
 *
 * @param touchTtlMillis      a new time to live ({@link io.raftkv.core.TtlMillis}), or NOT_GIVEN to keep the expiry
 * @param vivifyTtlMillis     create a missing key with an empty value and this time to live, or NOT_GIVEN
 * @param recacheBelowMillis  win the recache if the key has less than this to live, or NOT_GIVEN
 */
public record Fetch(Bytes key, long touchTtlMillis, long vivifyTtlMillis, long recacheBelowMillis)
        implements CacheCommand<FetchResult> {
    @Override
    public Class<FetchResult> resultType() {
        return FetchResult.class;
    }
}
