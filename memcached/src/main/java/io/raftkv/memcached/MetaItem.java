package io.raftkv.memcached;

import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyValue;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.QueryResult;

/**
 * An item a meta get found, from a read or from a fetch through the log.
 *
 * @param won this request won the right to recache the key (W)
 */
record MetaItem(KeyValue keyValue, CacheMarks marks, boolean won) {

    static MetaItem read(QueryResult.CacheItem item) {
        return new MetaItem(item.keyValue(), item.marks(), false);
    }

    static MetaItem fetched(Result.Fetched fetched) {
        return new MetaItem(fetched.keyValue(), fetched.marks(), fetched.won());
    }

    /** A reader read it stale and nobody holds the recache: a fetch through the log hands out the win. */
    boolean recacheUnclaimed() {
        return marks.stale() && !marks.recacheClaimed();
    }

    /** Another request won the recache earlier (Z). */
    boolean claimedByAnother() {
        return marks.recacheClaimed() && !won;
    }
}
