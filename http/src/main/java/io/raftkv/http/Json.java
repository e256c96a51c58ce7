package io.raftkv.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;

import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/** The JSON shapes of docs/http-api.md: metadata, keys and values, errors. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MILLIS_PER_SECOND = 1000;

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static Reply reply(int status, ObjectNode body) {
        try {
            return new Reply(status, Reply.JSON, MAPPER.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException impossible) {
            // Serializing a tree of plain nodes cannot fail; if it does, it is a bug worth a loud failure.
            throw new UncheckedIOException(impossible);
        }
    }

    static ObjectNode error(ApiError error) {
        ObjectNode node = object();
        node.put("error", error.code());
        node.put("message", error.message());
        return node;
    }

    static Reply errorReply(ApiError error) {
        return reply(error.status(), error(error));
    }

    /**
     * Puts bytes as {@code name} when they are valid UTF-8 and as {@code nameBase64} otherwise, so binary data survives
     * a round trip through JSON.
     */
    static void putBytes(ObjectNode node, String name, Bytes bytes) {
        bytes.asUtf8().ifPresentOrElse(
                text -> node.put(name, text),
                () -> node.put(name + "Base64", Base64.getEncoder().encodeToString(bytes.unsafeArray())));
    }

    /** The metadata fields, except {@code revision}, which belongs to the response that carries them. */
    static void putMetadata(ObjectNode node, KeyMetadata metadata, long nowMillis) {
        node.put("createRevision", metadata.createRevision());
        node.put("modRevision", metadata.modRevision());
        node.put("version", metadata.version());
        node.put("flags", metadata.flagsUnsigned());
        node.put("expiresAt", metadata.expiresAtMillis());
        node.put("ttl", ttlSeconds(metadata, nowMillis));
    }

    /**
     * Seconds left, rounded up, and at least 1 while the key is still being returned: the store decides expiry on the
     * cluster clock, and a key it returns must not look expired ("ttl 0" means "never") because this node's clock is
     * a little ahead.
     */
    static long ttlSeconds(KeyMetadata metadata, long nowMillis) {
        if (!metadata.expires()) {
            return 0;
        }
        long millisLeft = metadata.expiresAtMillis() - nowMillis;
        return Math.max(1, Math.ceilDiv(millisLeft, MILLIS_PER_SECOND));
    }
}
