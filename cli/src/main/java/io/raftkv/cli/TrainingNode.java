package io.raftkv.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A stand-in node for {@link StartupTraining}: on a free loopback port it answers the client commands' requests with
 * fixed answers in the shape docs/http-api.md gives, so the training run goes through the same decoding as a real
 * one. It keeps no data. Should the API change and an answer here no longer decode, the training run fails and the
 * launcher keeps no cache, which costs speed, never correctness.
 */
final class TrainingNode implements AutoCloseable {
    static final String KEY = "training";
    private static final String METADATA = "\"key\":\"" + KEY + "\",\"revision\":2,\"createRevision\":1,"
            + "\"modRevision\":2,\"version\":2,\"flags\":0,\"expiresAt\":0,\"ttl\":0";
    private static final String CLUSTER = "{\"clusterId\":\"00000000-0000-0000-0000-000000000000\",\"leader\":\"n1\","
            + "\"term\":2,\"members\":[{\"id\":\"n1\",\"raftAddress\":\"127.0.0.1:9081\","
            + "\"httpAddress\":\"127.0.0.1:8081\",\"reachable\":true,\"role\":\"LEADER\",\"term\":2,"
            + "\"commitIndex\":5,\"appliedIndex\":5,\"revision\":2}],\"alarms\":[]}";

    private final HttpServer server;

    private TrainingNode(HttpServer server) {
        this.server = server;
    }

    static TrainingNode start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", TrainingNode::answer);
        server.start();
        return new TrainingNode(server);
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/v1/kv/" + KEY) && method.equals("GET")) {
            send(exchange, 200, Map.of("X-Raftkv-Revision", "2", "X-Raftkv-Create-Revision", "1",
                    "X-Raftkv-Mod-Revision", "2", "X-Raftkv-Version", "2", "X-Raftkv-Flags", "0",
                    "X-Raftkv-Expires-At", "0"), "value");
        } else if (path.equals("/v1/kv/" + KEY) && method.equals("DELETE")) {
            send(exchange, 200, json(), "{\"revision\":3,\"previous\":{" + METADATA + "}}");
        } else if (path.equals("/v1/kv/" + KEY)) {
            send(exchange, 200, json(), "{" + METADATA + "}");
        } else if (path.equals("/v1/kv")) {
            send(exchange, 200, json(), "{\"revision\":2,\"count\":1,\"more\":false,\"kvs\":[{" + METADATA
                    + ",\"value\":\"value\"}]}");
        } else if (path.equals("/v1/cluster")) {
            send(exchange, 200, json(), CLUSTER);
        } else {
            send(exchange, 404, json(), "{\"error\":\"not_found\",\"message\":\"no such key\"}");
        }
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
