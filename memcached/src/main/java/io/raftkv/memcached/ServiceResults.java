package io.raftkv.memcached;

import io.raftkv.core.Invariants;
import io.raftkv.core.KeyValue;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.QueryResult;

import java.util.Optional;

/**
 * Narrows the service's answers to what a command can get back. Anything else breaks the service's contract: a bug,
 * reported as one.
 */
final class ServiceResults {
    private ServiceResults() {
    }

    static Invariants.InvariantViolation unexpected(Object result, String command) {
        return new Invariants.InvariantViolation(command + " cannot answer " + result.getClass().getSimpleName());
    }

    static QueryResult.CacheItems cacheItems(QueryResult result, String command) {
        return switch (result) {
            case QueryResult.CacheItems items -> items;
            case QueryResult.Found other -> throw unexpected(other, command);
            case QueryResult.Missing other -> throw unexpected(other, command);
            case QueryResult.RangeResult other -> throw unexpected(other, command);
            case QueryResult.Addresses other -> throw unexpected(other, command);
        };
    }

    /** The one item of a single-key {@link io.raftkv.core.query.CacheGet}. */
    static Optional<QueryResult.CacheItem> onlyItem(QueryResult result, String command) {
        QueryResult.CacheItems items = cacheItems(result, command);
        Invariants.check(items.items().size() == 1, "%s read one key and got %d items", command,
                items.items().size());
        return items.items().getFirst();
    }

    /** A {@link io.raftkv.core.command.Fetch}'s answer: the key as the fetch left it, or absent. */
    static Optional<Result.Fetched> fetched(Result result, String command) {
        return switch (result) {
            case Result.Fetched fetched -> Optional.of(fetched);
            case Result.NotFound ignored -> Optional.empty();
            case Result.Written other -> throw unexpected(other, command);
            case Result.Deleted other -> throw unexpected(other, command);
            case Result.RevisionMismatch other -> throw unexpected(other, command);
            case Result.Rejected other -> throw unexpected(other, command);
            case Result.Swept other -> throw unexpected(other, command);
            case Result.Announced other -> throw unexpected(other, command);
            case Result.SequenceForgotten other -> throw unexpected(other, command);
            case Result.Counted other -> throw unexpected(other, command);
            case Result.Flushed other -> throw unexpected(other, command);
        };
    }

    /** A {@link io.raftkv.core.command.Delete}'s answer: whether the key was there. */
    static boolean deleted(Result result, String command) {
        return switch (result) {
            case Result.Deleted ignored -> true;
            case Result.NotFound ignored -> false;
            case Result.Written other -> throw unexpected(other, command);
            case Result.RevisionMismatch other -> throw unexpected(other, command);
            case Result.Rejected other -> throw unexpected(other, command);
            case Result.Swept other -> throw unexpected(other, command);
            case Result.Announced other -> throw unexpected(other, command);
            case Result.SequenceForgotten other -> throw unexpected(other, command);
            case Result.Counted other -> throw unexpected(other, command);
            case Result.Fetched other -> throw unexpected(other, command);
            case Result.Flushed other -> throw unexpected(other, command);
        };
    }

    static Optional<KeyValue> fetchedKeyValue(Result result, String command) {
        return fetched(result, command).map(Result.Fetched::keyValue);
    }
}
