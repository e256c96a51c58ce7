package io.raftkv.core.query;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.Limits;

import java.util.List;

/**
 * Read several keys at one revision, with their memcached stale-while-revalidate marks: memcached's multi-key get
 * and meta get. One query, so a linearizable multi-get costs one ReadIndex round, not one per key.
 *
 * @param keys           the keys, in request order, duplicates allowed
 * @param answerBytesMax the most key and value bytes the answer holds: the keys are read in order and the answer stops
 *                       before the key that would pass it, so one request cannot fill the node's memory (the first
 *                       key is always answered)
 */
public record CacheGet(List<Bytes> keys, int answerBytesMax) implements Query<QueryResult.CacheItems> {
    public CacheGet {
        keys = List.copyOf(keys);
        Invariants.check(answerBytesMax >= 1 && answerBytesMax <= Limits.CACHE_GET_BYTES_MAX,
                "answerBytesMax must be 1..%d, was %d", Limits.CACHE_GET_BYTES_MAX, answerBytesMax);
    }

    /** A read of one key, which is always answered whatever its size. */
    public static CacheGet of(Bytes key) {
        return new CacheGet(List.of(key), Limits.CACHE_GET_BYTES_MAX);
    }

    @Override
    public Class<QueryResult.CacheItems> resultType() {
        return QueryResult.CacheItems.class;
    }
}
