package io.raftkv.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.raftkv.api.KvService;
import io.raftkv.core.Limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A front end on a free loopback port over a given service, and a client to talk to it. */
final class TestServer implements AutoCloseable {
    /** Small, so oversized-body tests send little. */
    static final int VALUE_BYTES_MAX = 1024;
    static final Limits LIMITS = Limits.DEFAULT.withValueBytesMax(VALUE_BYTES_MAX);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    final HttpFrontEnd frontEnd;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestServer(HttpFrontEnd frontEnd) {
        this.frontEnd = frontEnd;
    }

    static TestServer start(KvService service) {
        return start(service, new HttpFrontEndConfig("127.0.0.1", 0, LIMITS, HttpFrontEndConfig.CONNECTIONS_MAX_DEFAULT));
    }

    static TestServer start(KvService service, HttpFrontEndConfig config) {
        try {
            return new TestServer(HttpFrontEnd.start(config, service));
        } catch (IOException bindFailure) {
            throw new UncheckedIOException(bindFailure);
        }
    }

    int port() {
        return frontEnd.boundAddress().getPort();
    }

    String httpAddress() {
        return "127.0.0.1:" + port();
    }

    HttpResponse<byte[]> send(String method, String pathAndQuery, byte[] body, String... headerNamesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + httpAddress() + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .method(method, body.length == 0 && !method.equals("PUT") && !method.equals("POST")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headerNamesAndValues.length > 0) {
            request.headers(headerNamesAndValues);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    HttpResponse<byte[]> send(String method, String pathAndQuery, String body, String... headerNamesAndValues) {
        return send(method, pathAndQuery, body.getBytes(StandardCharsets.UTF_8), headerNamesAndValues);
    }

    HttpResponse<byte[]> get(String pathAndQuery) {
        return send("GET", pathAndQuery, new byte[0]);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException malformed) {
            throw new UncheckedIOException(malformed);
        }
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        frontEnd.close();
        client.close();
    }
}
