package io.raftkv.core.query;

import io.raftkv.core.Bytes;

import java.util.List;

/**
 * Read several keys at one revision, with their memcached stale-while-revalidate marks: memcached's multi-key get
 * and meta get. One query, so a linearizable multi-get costs one ReadIndex round, not one per key.
 */
public record CacheGet(List<Bytes> keys) implements Query {
    public CacheGet {
        keys = List.copyOf(keys);
    }
}
