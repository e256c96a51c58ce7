package io.raftkv.memcached;

import io.raftkv.core.Invariants;
import io.raftkv.core.query.QueryResult;

import java.util.Optional;

/** The answer to a single-key {@link io.raftkv.core.query.CacheGet}, which the service always answers in full. */
final class ServiceResults {
    private ServiceResults() {
    }

    /** The one item of a single-key cache get: its first key is always answered, whatever its size. */
    static Optional<QueryResult.CacheItem> onlyItem(QueryResult.CacheItems items, String command) {
        Invariants.check(items.items().size() == 1, "%s read one key and got %d items", command,
                items.items().size());
        return items.items().getFirst();
    }
}
