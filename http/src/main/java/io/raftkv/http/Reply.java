package io.raftkv.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A response as a plain value, built by the route handlers and turned into Netty objects only when written. Keeping
 * Netty buffers out of the handlers means a reply that is never written (the client went away) leaks nothing.
 *
 * @param status      the HTTP status
 * @param contentType the media type of {@code body}
 * @param body        the response body
 * @param headers     extra headers besides Content-Type and Content-Length
 * @param stream      a body streamed in chunks instead of {@code body} (only {@code GET /v1/snapshot}); its chunks are
 *                    plain byte arrays, and it must be closed if the reply is never written, to stop its writer
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers,
             Optional<SnapshotStream> stream) {
    static final String JSON = "application/json";
    static final String OCTET_STREAM = "application/octet-stream";

    Reply {
        headers = Map.copyOf(headers);
    }

    Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, Optional.empty());
    }

    /** A 200 whose body is the snapshot, sent as it is written. */
    static Reply streamed(SnapshotStream stream) {
        return new Reply(200, OCTET_STREAM, new byte[0], Map.of(), Optional.of(stream));
    }

    static Reply json(int status, String json) {
        return new Reply(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    Reply withHeaders(Map<String, String> moreHeaders) {
        var merged = new LinkedHashMap<>(headers);
        merged.putAll(moreHeaders);
        return new Reply(status, contentType, body, merged, stream);
    }
}
