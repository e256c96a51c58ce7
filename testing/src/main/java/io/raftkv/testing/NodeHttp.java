package io.raftkv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.ReadConsistency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Talks to ONE node over plain HTTP, bypassing the client library: the harness must see each replica on its own
 * (the client fails over between nodes), and checks of the client should not depend on the client.
 */
public final class NodeHttp implements AutoCloseable {
    public static final long CONNECT_TIMEOUT_MILLIS = 1_000;
    /** Probes run in polling loops: a node that takes longer than this to say whether it is ready is not. */
    public static final long PROBE_TIMEOUT_MILLIS = 2_000;
    /** Enough of an error body to say what went wrong, short enough for a one-line observation. */
    private static final int DESCRIPTION_BODY_CHARS_MAX = 200;
    /** Long enough for a linearizable listing of a few thousand keys on a loaded two-core machine. */
    public static final long REQUEST_TIMEOUT_MILLIS = 10_000;
    /** The largest page the HTTP API serves. */
    public static final int PAGE_KEYS_MAX = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient httpClient = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MILLIS))
            .build();

    /** True when the node answers {@code /ready} with 200; a node that cannot be reached is simply not ready. */
    public boolean ready(LocalNode node) {
        return probe(node, "/ready").map(response -> response.statusCode() == 200).orElse(false);
    }

    /** The node's own status, empty when it cannot be reached or does not answer 200. */
    public Optional<NodeView> self(LocalNode node) {
        return probe(node, "/v1/cluster/self")
                .filter(response -> response.statusCode() == 200)
                .map(response -> NodeView.fromJson(parse(response.body())));
    }

    /**
     * Every key that starts with {@code prefix} (all keys when it is empty), as this node serves them at the given
     * consistency. Fails with an exception when the node is down or answers anything but 200.
     */
    public Listing list(LocalNode node, Bytes prefix, ReadConsistency consistency) {
        TreeMap<Bytes, KeyValue> keyValues = new TreeMap<>();
        Optional<Bytes> end = prefix.isEmpty() ? Optional.empty() : prefix.prefixEnd();
        Bytes start = prefix;
        long firstRevision = -1;
        boolean more = true;
        while (more) {
            JsonNode page = parse(get(node, listPath(start, end, consistency)).body());
            firstRevision = firstRevision < 0 ? page.path("revision").asLong() : firstRevision;
            Bytes lastKey = start;
            for (JsonNode entry : page.path("kvs")) {
                KeyValue keyValue = keyValue(entry);
                keyValues.put(keyValue.key(), keyValue);
                lastKey = keyValue.key();
            }
            more = page.path("more").asBoolean(false);
            // The smallest key after the last one returned is that key followed by a zero byte.
            start = lastKey.concat(Bytes.wrap(new byte[] {0}));
        }
        return new Listing(firstRevision, keyValues);
    }

    /** What the node answers to a status request, in one line, for failure messages about nodes that seem stuck. */
    public String describe(LocalNode node) {
        if (!node.isRunning()) {
            return "down";
        }
        if (node.isPaused()) {
            return "paused";
        }
        try {
            HttpResponse<byte[]> response = httpClient.send(probeRequest(node, "/v1/cluster/self"),
                    HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(response.body(), StandardCharsets.UTF_8);
            return response.statusCode() == 200 ? NodeView.fromJson(parse(response.body())).toString()
                    : "HTTP " + response.statusCode() + " " + body.substring(0, Math.min(body.length(),
                    DESCRIPTION_BODY_CHARS_MAX));
        } catch (IOException unreachable) {
            return "no answer (" + unreachable + ")";
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + node.id(), interrupted);
        }
    }

    /** A GET that must answer 200. */
    public HttpResponse<byte[]> get(LocalNode node, String pathAndQuery) {
        HttpResponse<byte[]> response = send(request(node, pathAndQuery).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + pathAndQuery + " on " + node.id() + " answered "
                    + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }

    /** Any request, any status; for tests that check the HTTP contract itself. */
    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return httpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException transportFailure) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", transportFailure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(),
                    interrupted);
        }
    }

    public HttpRequest.Builder request(LocalNode node, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(node.httpEndpoint() + pathAndQuery))
                .timeout(Duration.ofMillis(REQUEST_TIMEOUT_MILLIS));
    }

    public static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            throw new UncheckedIOException("not JSON: " + new String(body, StandardCharsets.UTF_8), notJson);
        }
    }

    /** Percent-encodes every byte outside RFC 3986's unreserved set, so binary keys survive the URL. */
    public static String percentEncode(Bytes bytes) {
        StringBuilder encoded = new StringBuilder();
        for (int index = 0; index < bytes.length(); index++) {
            int octet = bytes.byteAt(index) & 0xff;
            if (isUnreserved(octet)) {
                encoded.append((char) octet);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", octet));
            }
        }
        return encoded.toString();
    }

    @Override
    public void close() {
        httpClient.close();
    }

    /**
     * A probe of a node that may be down: a refused connection or a timeout is an expected answer here ("not up"),
     * so it becomes an empty result instead of an exception. A paused node is not asked at all: the kernel would accept
     * the connection and the probe would wait its whole timeout for an answer that cannot come.
     */
    private Optional<HttpResponse<byte[]>> probe(LocalNode node, String path) {
        if (!node.isRunning() || node.isPaused()) {
            return Optional.empty();
        }
        try {
            return Optional.of(httpClient.send(probeRequest(node, path), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException unreachable) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + node.id(), interrupted);
        }
    }

    private HttpRequest probeRequest(LocalNode node, String path) {
        return request(node, path).timeout(Duration.ofMillis(PROBE_TIMEOUT_MILLIS)).GET().build();
    }

    private static String listPath(Bytes start, Optional<Bytes> end, ReadConsistency consistency) {
        StringBuilder path = new StringBuilder("/v1/kv?limit=").append(PAGE_KEYS_MAX)
                .append("&consistency=").append(consistency.name().toLowerCase(Locale.ROOT));
        if (!start.isEmpty()) {
            path.append("&start=").append(percentEncode(start));
        }
        end.ifPresent(bound -> path.append("&end=").append(percentEncode(bound)));
        return path.toString();
    }

    private static KeyValue keyValue(JsonNode entry) {
        KeyMetadata metadata = new KeyMetadata((int) entry.path("flags").asLong(), entry.path("version").asLong(),
                entry.path("createRevision").asLong(), entry.path("modRevision").asLong(),
                entry.path("expiresAt").asLong());
        return new KeyValue(bytes(entry, "key"), bytes(entry, "value"), metadata);
    }

    /** A key or value is a UTF-8 string under its own name, or Base64 under the name plus "Base64". */
    private static Bytes bytes(JsonNode entry, String name) {
        if (entry.hasNonNull(name)) {
            return Bytes.utf8(entry.get(name).asText());
        }
        if (entry.hasNonNull(name + "Base64")) {
            return Bytes.wrap(Base64.getDecoder().decode(entry.get(name + "Base64").asText()));
        }
        return Bytes.EMPTY;
    }

    private static boolean isUnreserved(int octet) {
        return (octet >= 'A' && octet <= 'Z') || (octet >= 'a' && octet <= 'z') || (octet >= '0' && octet <= '9')
                || octet == '-' || octet == '.' || octet == '_' || octet == '~';
    }
}
