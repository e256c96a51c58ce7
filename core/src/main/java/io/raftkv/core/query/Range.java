package io.raftkv.core.query;

import io.raftkv.core.Bytes;

import java.util.Optional;

/**
 * List keys in [start, end) in unsigned byte order.
 *
 * @param end       exclusive upper bound; empty for "to the last key"
 * @param limit     the most keys to return
 * @param keysOnly  leave values out
 * @param countOnly return only the count
 */
public record Range(Bytes start, Optional<Bytes> end, int limit, boolean keysOnly, boolean countOnly)
        implements Query<QueryResult.RangeResult> {

    public static Range prefix(Bytes prefix, int limit, boolean keysOnly, boolean countOnly) {
        return new Range(prefix, prefix.prefixEnd(), limit, keysOnly, countOnly);
    }

    @Override
    public Class<QueryResult.RangeResult> resultType() {
        return QueryResult.RangeResult.class;
    }
}
