package io.raftkv.core.query;

import io.raftkv.core.KeyValue;

import java.util.List;
import java.util.Map;

/** What a query returns. Every result carries the store revision it was read at. */
public sealed interface QueryResult {
    long revision();

    record Found(long revision, KeyValue keyValue) implements QueryResult {
    }

    record Missing(long revision) implements QueryResult {
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
}
