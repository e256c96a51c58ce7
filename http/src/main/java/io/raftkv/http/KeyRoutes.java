package io.raftkv.http;

import io.raftkv.api.KvService;
import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.command.Append;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.Put;
import io.raftkv.core.query.Get;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@code /v1/kv/{key}}: get, put, append and delete. Every input is validated before the service sees it. */
final class KeyRoutes {
    /** Flags are 32 unsigned bits. */
    static final long FLAGS_MAX = 0xffff_ffffL;
    private static final long MILLIS_PER_SECOND = 1000;

    private final KvService service;
    private final Limits limits;
    private final WriteReplies writeReplies;
    private final ReadReplies readReplies;

    KeyRoutes(KvService service, Limits limits, Clock clock) {
        this.service = service;
        this.limits = limits;
        this.writeReplies = new WriteReplies(clock);
        this.readReplies = new ReadReplies(clock);
    }

    CompletableFuture<Reply> handle(HttpMethodName method, Route.Key route, QueryParameters query,
                                    InboundRequest request) {
        Bytes key = decodeKey(route.encodedKey());
        return switch (method) {
            case GET -> get(key, query);
            case PUT -> put(key, query, request);
            case POST -> append(key, query, request);
            case DELETE -> delete(key, query, request);
        };
    }

    private CompletableFuture<Reply> get(Bytes key, QueryParameters query) {
        query.requireOnly(Set.of("meta", "consistency"));
        boolean metaAsJson = query.bool("meta");
        return service.read(new Get(key), query.consistency())
                .thenApply(result -> readReplies.ofGet(result, metaAsJson));
    }

    private CompletableFuture<Reply> put(Bytes key, QueryParameters query, InboundRequest request) {
        query.requireOnly(Set.of("ttl", "flags", "ifModRevision"));
        long ttlMillis = ttlMillis(query);
        int flags = (int) (long) query.integer("flags", 0, FLAGS_MAX).orElse(0L);
        long ifModRevision = query.integer("ifModRevision", 0, Long.MAX_VALUE).orElse(Put.UNCONDITIONAL);
        Bytes value = checkedValue(request.body());
        return service.write(new Put(key, value, flags, ttlMillis, ifModRevision), SessionHeaders.parse(request))
                .thenApply(result -> writeReplies.ofPut(key, result));
    }

    private CompletableFuture<Reply> append(Bytes key, QueryParameters query, InboundRequest request) {
        query.requireOnly(Set.of("op", "ttl"));
        String operation = query.text("op").orElseThrow(() -> new InvalidInputException(
                ApiError.invalidParameter("POST on a key needs op=append")));
        if (!operation.equals("append")) {
            throw new InvalidInputException(ApiError.invalidParameter("'op' must be append, was '" + operation + "'"));
        }
        long ttlMillis = ttlMillis(query);
        Bytes suffix = checkedValue(request.body());
        return service.write(new Append(key, suffix, ttlMillis, limits.valueBytesMax()), SessionHeaders.parse(request))
                .thenApply(result -> writeReplies.ofAppend(key, result));
    }

    private CompletableFuture<Reply> delete(Bytes key, QueryParameters query, InboundRequest request) {
        query.requireOnly(Set.of());
        return service.write(new Delete(key), SessionHeaders.parse(request))
                .thenApply(result -> writeReplies.ofDelete(key, result));
    }

    /** The ttl in milliseconds, 0 (never, or for append: keep) when absent. */
    private long ttlMillis(QueryParameters query) {
        return query.integer("ttl", 1, limits.ttlSecondsMax()).map(seconds -> seconds * MILLIS_PER_SECOND).orElse(0L);
    }

    /** The body aggregator already stops larger bodies; this keeps the limit true even if the pipeline changes. */
    private Bytes checkedValue(Bytes body) {
        if (body.length() > limits.valueBytesMax()) {
            throw new InvalidInputException(ApiError.valueTooLarge(
                    "the value is " + body.length() + " bytes; the limit is " + limits.valueBytesMax()));
        }
        return body;
    }

    private Bytes decodeKey(String encodedKey) {
        byte[] key = PercentDecoder.decode(encodedKey).orElseThrow(() -> new InvalidInputException(
                ApiError.invalidKey("the key has a bad percent-encoding")));
        if (key.length == 0) {
            throw new InvalidInputException(ApiError.invalidKey("the key is empty"));
        }
        if (key.length > limits.keyBytesMax()) {
            throw new InvalidInputException(ApiError.invalidKey(
                    "the key is " + key.length + " bytes; the limit is " + limits.keyBytesMax()));
        }
        return Bytes.wrap(key);
    }
}
