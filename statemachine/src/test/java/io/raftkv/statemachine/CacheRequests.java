package io.raftkv.statemachine;

import io.raftkv.core.Limits;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.Arithmetic.Direction;
import io.raftkv.core.command.CompareDelete;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.StoreMode;
import io.raftkv.core.query.CacheGet;

import java.util.List;

import static io.raftkv.statemachine.Requests.bytes;

/** Short builders for the memcached commands tests send, so that a test reads as the scenario it checks. */
final class CacheRequests {
    private CacheRequests() {
    }

    static Store set(String key, String value) {
        return store(StoreMode.SET, key, value);
    }

    static Store setWithTtl(String key, String value, int flags, long ttlMillis) {
        return new Store(bytes(key), bytes(value), flags, ttlMillis, StoreMode.SET, Store.NO_COMPARE, false,
                TtlMillis.NOT_GIVEN, Limits.VALUE_BYTES_MAX_DEFAULT);
    }

    static Store store(StoreMode mode, String key, String value) {
        return new Store(bytes(key), bytes(value), 0, TtlMillis.NEVER, mode, Store.NO_COMPARE, false,
                TtlMillis.NOT_GIVEN, Limits.VALUE_BYTES_MAX_DEFAULT);
    }

    static Store storeIfModRevision(StoreMode mode, String key, String value, long compareRevision,
                                    boolean invalidateIfOlder) {
        return new Store(bytes(key), bytes(value), 0, TtlMillis.NEVER, mode, compareRevision, invalidateIfOlder,
                TtlMillis.NOT_GIVEN, Limits.VALUE_BYTES_MAX_DEFAULT);
    }

    static Store storeVivifying(StoreMode mode, String key, String value, int flags, long vivifyTtlMillis) {
        return new Store(bytes(key), bytes(value), flags, TtlMillis.NEVER, mode, Store.NO_COMPARE, false,
                vivifyTtlMillis, Limits.VALUE_BYTES_MAX_DEFAULT);
    }

    static Arithmetic increment(String key, long delta) {
        return arithmetic(key, Direction.INCREMENT, delta);
    }

    static Arithmetic decrement(String key, long delta) {
        return arithmetic(key, Direction.DECREMENT, delta);
    }

    static Arithmetic arithmetic(String key, Direction direction, long delta) {
        return new Arithmetic(bytes(key), direction, delta, Store.NO_COMPARE, TtlMillis.NOT_GIVEN, 0,
                TtlMillis.NOT_GIVEN);
    }

    static Fetch fetch(String key) {
        return new Fetch(bytes(key), TtlMillis.NOT_GIVEN, TtlMillis.NOT_GIVEN, TtlMillis.NOT_GIVEN);
    }

    static Fetch touch(String key, long touchTtlMillis) {
        return new Fetch(bytes(key), touchTtlMillis, TtlMillis.NOT_GIVEN, TtlMillis.NOT_GIVEN);
    }

    static Fetch fetchVivifying(String key, long vivifyTtlMillis) {
        return new Fetch(bytes(key), TtlMillis.NOT_GIVEN, vivifyTtlMillis, TtlMillis.NOT_GIVEN);
    }

    static Fetch fetchRecachingBelow(String key, long recacheBelowMillis) {
        return new Fetch(bytes(key), TtlMillis.NOT_GIVEN, TtlMillis.NOT_GIVEN, recacheBelowMillis);
    }

    static CompareDelete compareDelete(String key, long compareRevision) {
        return new CompareDelete(bytes(key), compareRevision, false, TtlMillis.NOT_GIVEN, false);
    }

    static CompareDelete invalidate(String key) {
        return new CompareDelete(bytes(key), Store.NO_COMPARE, true, TtlMillis.NOT_GIVEN, false);
    }

    static FlushAll flushAll(long delayMillis) {
        return new FlushAll(delayMillis);
    }

    static CacheGet cacheGet(String... keys) {
        return new CacheGet(List.of(keys).stream().map(Requests::bytes).toList(), Limits.CACHE_GET_BYTES_MAX);
    }
}
