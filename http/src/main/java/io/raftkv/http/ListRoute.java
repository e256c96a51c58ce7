package io.raftkv.http;

import io.raftkv.api.KvService;
import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.query.Range;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@code GET /v1/kv}: list keys by prefix or by [start, end). */
final class ListRoute {
    /** The page size when the client names none; the node's rangeLimitMax caps what a client may ask for. */
    static final int LIMIT_DEFAULT = 1000;

    private final KvService service;
    private final Limits limits;
    private final ReadReplies readReplies;

    ListRoute(KvService service, Limits limits, Clock clock) {
        this.service = service;
        this.limits = limits;
        this.readReplies = new ReadReplies(clock);
    }

    CompletableFuture<Reply> handle(QueryParameters query) {
        query.requireOnly(Set.of("prefix", "start", "end", "limit", "keysOnly", "countOnly", "consistency"));
        int limit = (int) (long) query.integer("limit", 1, limits.rangeLimitMax())
                .orElse((long) Math.min(LIMIT_DEFAULT, limits.rangeLimitMax()));
        boolean keysOnly = query.bool("keysOnly");
        boolean countOnly = query.bool("countOnly");
        Range range = range(query, limit, keysOnly, countOnly);
        return service.read(range, query.consistency())
                .thenApply(result -> readReplies.ofList(result, keysOnly, countOnly));
    }

    private Range range(QueryParameters query, int limit, boolean keysOnly, boolean countOnly) {
        Optional<Bytes> prefix = bound(query, "prefix");
        Optional<Bytes> start = bound(query, "start");
        Optional<Bytes> end = bound(query, "end");
        if (prefix.isPresent()) {
            if (query.has("start") || query.has("end")) {
                throw new InvalidInputException(
                        ApiError.invalidParameter("'prefix' cannot be combined with 'start' or 'end'"));
            }
            return Range.prefix(prefix.get(), limit, keysOnly, countOnly);
        }
        Bytes from = start.orElse(Bytes.EMPTY);
        if (end.isPresent() && from.compareTo(end.get()) > 0) {
            throw new InvalidInputException(ApiError.invalidParameter("'start' must not be after 'end'"));
        }
        return new Range(from, end, limit, keysOnly, countOnly);
    }

    /**
     * A prefix or bound, bounded like a key. An empty {@code start} or {@code end} means that side is open, as if it
     * were not given; an empty prefix matches every key.
     */
    private Optional<Bytes> bound(QueryParameters query, String name) {
        Optional<Bytes> value = query.bytes(name);
        if (value.isPresent() && value.get().length() > limits.keyBytesMax()) {
            throw new InvalidInputException(ApiError.invalidParameter(
                    "'" + name + "' is longer than the " + limits.keyBytesMax() + "-byte key limit"));
        }
        return name.equals("prefix") ? value : value.filter(bytes -> !bytes.isEmpty());
    }
}
