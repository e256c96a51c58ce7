package io.raftkv.memcached;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyValue;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.FetchResult;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.CacheGet;
import io.raftkv.core.query.QueryResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * get and gets read every key of the line with one {@link CacheGet}, a single linearizable read. gat and gats change
 * the keys' expiry, so they are one {@link Fetch} per key, proposed together in groups small enough that one group's
 * values cannot pass the reply limit by much. A reply that would carry more than
 * {@link MemcachedFrontEndConfig#getReplyBytesMax()} of keys and values is memcached's out-of-memory error instead;
 * as in memcached, the keys a gat touched before it got there stay touched.
 */
final class RetrievalCommands {
    static final String REPLY_TOO_LARGE = "SERVER_ERROR out of memory writing get response";

    private final CommandContext context;

    RetrievalCommands(CommandContext context) {
        this.context = context;
    }

    Step execute(ClientRequest.Retrieval request) {
        return request.verb().touches() ? getAndTouch(request) : get(request);
    }

    private Step get(ClientRequest.Retrieval request) {
        CacheGet query = new CacheGet(request.keys(), context.config().getReplyBytesMax());
        return Step.read(() -> context.read(query).thenApply(items -> Step.done(render(request, items))));
    }

    private Reply render(ClientRequest.Retrieval request, QueryResult.CacheItems items) {
        context.stats().add(Counter.CMD_GET, request.keys().size());
        // The read stops before the key that would pass the reply limit, so fewer items than keys mean "too large".
        if (items.items().size() < request.keys().size()) {
            return Reply.line(REPLY_TOO_LARGE);
        }
        List<Optional<KeyValue>> found = items.items().stream()
                .map(item -> item.map(QueryResult.CacheItem::keyValue)).toList();
        return values(request, found, Counter.GET_HITS, Counter.GET_MISSES);
    }

    private Step getAndTouch(ClientRequest.Retrieval request) {
        long ttlMillis = context.expiry().ttlMillis(request.exptimeSeconds());
        return touchGroup(request, ttlMillis, new ArrayList<>(request.keys().size()), 0);
    }

    /**
     * Touches the next group of keys after those in {@code found}, then the group after it. Each group starts once
     * the one before has answered, so {@code found} is only ever used by one thread at a time.
     */
    private Step touchGroup(ClientRequest.Retrieval request, long ttlMillis, List<Optional<KeyValue>> found,
                            long replyBytes) {
        List<Bytes> group = request.keys().subList(found.size(),
                Math.min(request.keys().size(), found.size() + touchGroupKeysMax()));
        return Step.write(() -> {
            List<CompletableFuture<FetchResult>> fetches = new ArrayList<>(group.size());
            for (Bytes key : group) {
                fetches.add(context.write(new Fetch(key, ttlMillis, TtlMillis.NOT_GIVEN, TtlMillis.NOT_GIVEN)));
            }
            return CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).thenApply(allDone -> {
                long bytes = replyBytes;
                for (CompletableFuture<FetchResult> fetch : fetches) {
                    switch (fetch.join()) {
                        case Result.Fetched fetched -> {
                            bytes += replyBytes(fetched.keyValue());
                            found.add(Optional.of(fetched.keyValue()));
                        }
                        case Result.NotFound ignored -> found.add(Optional.empty());
                        case Result.Rejected rejected -> {
                            return Step.line(Rejections.line(rejected, context.stats()));
                        }
                    }
                }
                context.stats().add(Counter.CMD_TOUCH, group.size());
                if (bytes > context.config().getReplyBytesMax() && found.size() > 1) {
                    return Step.done(Reply.line(REPLY_TOO_LARGE));
                }
                if (found.size() < request.keys().size()) {
                    return touchGroup(request, ttlMillis, found, bytes);
                }
                return Step.done(values(request, found, Counter.TOUCH_HITS, Counter.TOUCH_MISSES));
            });
        });
    }

    /** As many keys as fit the reply limit with values of the largest size: one group at least. */
    private int touchGroupKeysMax() {
        long itemBytesMax = (long) context.config().keyBytesMax() + context.valueBytesMax();
        return (int) Math.max(1, context.config().getReplyBytesMax() / itemBytesMax);
    }

    private static long replyBytes(KeyValue keyValue) {
        return (long) keyValue.key().length() + keyValue.value().length();
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
