package io.raftkv.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A stand-in for one raftkv node: records every request and answers with whatever the test scripts. */
final class FakeNode implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Recorded, Reply> handler;

    private FakeNode(Function<Recorded, Reply> handler) throws IOException {
        this.handler = handler;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeNode answering(Function<Recorded, Reply> handler) throws IOException {
        return new FakeNode(handler);
    }

    /** An endpoint where nothing listens: the port was free a moment ago, so connecting is refused. */
    static String deadEndpoint() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    void answerWith(Function<Recorded, Reply> newHandler) {
        this.handler = newHandler;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("X-Raftkv-Client-Id"),
                exchange.getRequestHeaders().getFirst("X-Raftkv-Sequence"),
                exchange.getRequestHeaders().getFirst("X-Raftkv-Completed-Below"),
                exchange.getRequestBody().readAllBytes());
        requests.add(recorded);
        Reply reply = handler.apply(recorded);
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        exchange.getResponseBody().write(reply.body());
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    record Recorded(String method, String rawPath, String rawQuery, String clientId, String sequence,
                    String completedBelow, byte[] body) {
        long sequenceNumber() {
            return Long.parseLong(sequence);
        }

        long completedBelowNumber() {
            return Long.parseLong(completedBelow);
        }
    }

    record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }

        static Reply written(long revision) {
            return json(200, "{\"key\":\"k\",\"revision\":" + revision + ",\"createRevision\":1,\"modRevision\":"
                    + revision + ",\"version\":" + revision + ",\"flags\":0,\"expiresAt\":0,\"ttl\":0}");
        }

        static Reply unavailable() {
            return json(503, "{\"error\":\"unavailable\",\"message\":\"no leader\"}");
        }
    }
}
