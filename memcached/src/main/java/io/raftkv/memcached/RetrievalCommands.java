package io.raftkv.memcached;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyValue;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.CacheGet;
import io.raftkv.core.query.QueryResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * get and gets read every key of the line with one {@link CacheGet}, a single linearizable read. gat and gats change
 * the keys' expiry, so they are one {@link Fetch} per key, all proposed together.
 */
final class RetrievalCommands {
    private final CommandContext context;

    RetrievalCommands(CommandContext context) {
        this.context = context;
    }

    Step execute(ClientRequest.Retrieval request) {
        return request.verb().touches() ? getAndTouch(request) : get(request);
    }

    private Step get(ClientRequest.Retrieval request) {
        CacheGet query = new CacheGet(request.keys());
        return Step.read(() -> context.read(query).thenApply(result -> Step.done(render(request, result))));
    }

    private Reply render(ClientRequest.Retrieval request, QueryResult result) {
        QueryResult.CacheItems items = ServiceResults.cacheItems(result, "get");
        context.stats().add(Counter.CMD_GET, request.keys().size());
        List<Optional<KeyValue>> found = items.items().stream()
                .map(item -> item.map(QueryResult.CacheItem::keyValue)).toList();
        return values(request, found, Counter.GET_HITS, Counter.GET_MISSES);
    }

    private Step getAndTouch(ClientRequest.Retrieval request) {
        long ttlMillis = context.expiry().ttlMillis(request.exptimeSeconds());
        return Step.write(() -> {
            List<CompletableFuture<Result>> fetches = new ArrayList<>();
            for (Bytes key : request.keys()) {
                fetches.add(context.write(new Fetch(key, ttlMillis, TtlMillis.NOT_GIVEN, TtlMillis.NOT_GIVEN)));
            }
            return CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).thenApply(allDone -> {
                context.stats().add(Counter.CMD_TOUCH, request.keys().size());
                List<Optional<KeyValue>> found = fetches.stream().map(CompletableFuture::join)
                        .map(result -> ServiceResults.fetchedKeyValue(result, "gat")).toList();
                return Step.done(values(request, found, Counter.TOUCH_HITS, Counter.TOUCH_MISSES));
            });
        });
    }

    private Reply values(ClientRequest.Retrieval request, List<Optional<KeyValue>> found, Counter hits,
                         Counter misses) {
        Reply.Builder reply = new Reply.Builder();
        long nowMillis = context.expiry().nowMillis();
        for (Optional<KeyValue> item : found) {
            context.stats().count(item.isPresent(), hits, misses);
            item.ifPresent(present -> {
                context.accessTable().recordRead(present.key(), nowMillis);
                ValueLines.append(reply, present, request.verb().showsCas());
            });
        }
        return reply.line(ValueLines.END).build();
    }
}
