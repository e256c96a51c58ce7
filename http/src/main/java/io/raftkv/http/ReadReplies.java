package io.raftkv.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.query.GetResult;
import io.raftkv.core.query.QueryResult;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns the outcome of a read into its reply, per docs/http-api.md. */
final class ReadReplies {
    static final String REVISION_HEADER = "X-Raftkv-Revision";

    private final Clock clock;

    ReadReplies(Clock clock) {
        this.clock = clock;
    }

    /** A get: the raw value with metadata headers, or JSON with {@code meta=true}. */
    Reply ofGet(GetResult result, boolean metaAsJson) {
        return switch (result) {
            case QueryResult.Found found -> metaAsJson ? getAsJson(found) : getAsRaw(found);
            case QueryResult.Missing missing -> Json.errorReply(new ApiError(404, "not_found", "no such key"))
                    // The revision tells a client how fresh the "not found" is, as it does for a found key.
                    .withHeaders(Map.of(REVISION_HEADER, Long.toString(missing.revision())));
        };
    }

    Reply ofList(QueryResult.RangeResult range, boolean keysOnly, boolean countOnly) {
        ObjectNode body = Json.object();
        body.put("revision", range.revision());
        body.put("count", range.count());
        if (!countOnly) {
            body.put("more", range.more());
            ArrayNode keyValues = body.putArray("kvs");
            long nowMillis = clock.millis();
            for (KeyValue keyValue : range.keyValues()) {
                keyValues.add(keyValueJson(keyValue, range.revision(), !keysOnly, nowMillis));
            }
        }
        return Json.reply(200, body);
    }

    private Reply getAsRaw(QueryResult.Found found) {
        KeyMetadata metadata = found.keyValue().metadata();
        var headers = new LinkedHashMap<String, String>();
        headers.put(REVISION_HEADER, Long.toString(found.revision()));
        headers.put("X-Raftkv-Create-Revision", Long.toString(metadata.createRevision()));
        headers.put("X-Raftkv-Mod-Revision", Long.toString(metadata.modRevision()));
        headers.put("X-Raftkv-Version", Long.toString(metadata.version()));
        headers.put("X-Raftkv-Flags", Long.toString(metadata.flagsUnsigned()));
        headers.put("X-Raftkv-Expires-At", Long.toString(metadata.expiresAtMillis()));
        headers.put("X-Raftkv-Ttl", Long.toString(Json.ttlSeconds(metadata, clock.millis())));
        return new Reply(200, Reply.OCTET_STREAM, found.keyValue().value().unsafeArray(), headers);
    }

    private Reply getAsJson(QueryResult.Found found) {
        return Json.reply(200, keyValueJson(found.keyValue(), found.revision(), true, clock.millis()));
    }

    static ObjectNode keyValueJson(KeyValue keyValue, long revision, boolean withValue, long nowMillis) {
        ObjectNode node = Json.object();
        Json.putBytes(node, "key", keyValue.key());
        if (withValue) {
            Json.putBytes(node, "value", keyValue.value());
        }
        node.put("revision", revision);
        Json.putMetadata(node, keyValue.metadata(), nowMillis);
        return node;
    }
}
