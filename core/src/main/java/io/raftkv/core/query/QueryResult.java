package io.raftkv.core.query;

import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a query returns. Every result carries the store revision it was read at. A {@link Get} is answered with a
 * {@link GetResult}, a {@link Range} with a {@link RangeResult}, a {@link MemberAddresses} with {@link Addresses} and a
 * {@link CacheGet} with {@link CacheItems}.
 */
public sealed interface QueryResult permits GetResult, QueryResult.RangeResult, QueryResult.Addresses,
        QueryResult.CacheItems {
    long revision();

    record Found(long revision, KeyValue keyValue) implements GetResult {
    }

    record Missing(long revision) implements GetResult {
    }

    /**
     * @param count how many keys the range holds, up to the count limit, whatever {@code limit} was
     * @param more  whether keys were left out because of the limit
     */
    record RangeResult(long revision, List<KeyValue> keyValues, long count, boolean more) implements QueryResult {
        public RangeResult {
            keyValues = List.copyOf(keyValues);
        }
    }

    /** Node id to HTTP address. */
    record Addresses(long revision, Map<String, String> httpAddressByNode) implements QueryResult {
        public Addresses {
            httpAddressByNode = Map.copyOf(httpAddressByNode);
        }
    }

    /**
     * The answer to {@link CacheGet}: one entry per requested key, in request order, empty where the key is missing.
     * Fewer entries than keys mean the rest would have taken the answer past {@link CacheGet#answerBytesMax()}.
     */
    record CacheItems(long revision, List<Optional<CacheItem>> items) implements QueryResult {
        public CacheItems {
            items = List.copyOf(items);
        }
    }

    record CacheItem(KeyValue keyValue, CacheMarks marks) {
    }
}
