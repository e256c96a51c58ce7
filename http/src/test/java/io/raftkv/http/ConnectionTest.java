package io.raftkv.http;

import io.raftkv.api.KvService;
import io.raftkv.api.NodeStatus;
import io.raftkv.core.Limits;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.ClientCommand;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import java.io.OutputStream;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.raftkv.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Connection-level behaviour, over raw sockets: keep-alive, pipelining, malformed input, oversized bodies, limits. */
class ConnectionTest {
    private final StateMachineService store = new StateMachineService();
    private TestServer server = TestServer.start(store);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() {
        try (RawConnection connection = new RawConnection(server.port())) {
            for (int round = 1; round <= 3; round++) {
                connection.send(put("/v1/kv/counter", "v" + round));
                assertThat(connection.read().status()).isEqualTo(200);
                connection.send("GET /v1/kv/counter HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(connection.read().text()).isEqualTo("v" + round);
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        StringBuilder pipeline = new StringBuilder();
        for (int index = 0; index < 20; index++) {
            pipeline.append(put("/v1/kv/p" + index, "value" + index));
            pipeline.append("GET /v1/kv/p").append(index).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            pipeline.append("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(pipeline.toString());
            for (int index = 0; index < 20; index++) {
                assertThat(connection.read().status()).isEqualTo(200);
                assertThat(connection.read().text()).isEqualTo("value" + index);
                assertThat(connection.read().status()).isEqualTo(404);
            }
        }
    }

    @Test
    void aSlowReplyHoldsBackLaterRepliesSoOrderIsKept() {
        KvService slowFirstRead = new KvService() {
            private final AtomicBoolean delayed = new AtomicBoolean();

            @Override
            public <R extends Result> CompletableFuture<R> write(ClientCommand<R> command,
                                                                 Optional<ClientSession> session) {
                return store.write(command, session);
            }

            @Override
            public <R extends QueryResult> CompletableFuture<R> read(Query<R> query, ReadConsistency consistency) {
                if (delayed.compareAndSet(false, true)) {
                    Executor later = CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS);
                    return CompletableFuture.supplyAsync(() -> store.read(query, consistency).join(), later);
                }
                return store.read(query, consistency);
            }

            @Override
            public NodeStatus status() {
                return store.status();
            }

            @Override
            public CompletableFuture<String> transferLeadership(String targetNodeId) {
                return store.transferLeadership(targetNodeId);
            }

            @Override
            public void writeSnapshot(OutputStream out) throws IOException {
                store.writeSnapshot(out);
            }
        };
        server.close();
        server = TestServer.start(slowFirstRead);
        server.send("PUT", "/v1/kv/slow", "first");
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send("GET /v1/kv/slow HTTP/1.1\r\nHost: x\r\n\r\n" + put("/v1/kv/fast", "second")
                    + "GET /v1/kv/fast HTTP/1.1\r\nHost: x\r\n\r\n");

            assertThat(connection.read().text()).isEqualTo("first");
            assertThat(connection.read().status()).isEqualTo(200);
            assertThat(connection.read().text()).isEqualTo("second");
        }
    }

    @Test
    void aMalformedRequestLineIsABadRequestAndClosesTheConnection() {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send("THIS IS NOT HTTP\r\n\r\n");
            RawConnection.RawResponse response = connection.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).contains("\"bad_request\"");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void aHugeUrlIsABadRequestNotAServerError() {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send("GET /v1/kv/" + "a".repeat(HttpFrontEnd.INITIAL_LINE_BYTES_MAX) + " HTTP/1.1\r\n\r\n");
            RawConnection.RawResponse response = connection.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).contains("\"bad_request\"");
        }
    }

    @Test
    void aKeyAtTheLimitFullyPercentEncodedFitsInTheRequestLine() {
        String encodedKey = "%41".repeat(Limits.KEY_BYTES_MAX);
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(put("/v1/kv/" + encodedKey + "?ttl=60&flags=1&ifModRevision=0", "long key"));

            assertThat(connection.read().status()).isEqualTo(200);
        }
        assertThat(text(server.get("/v1/kv/" + "A".repeat(Limits.KEY_BYTES_MAX)))).isEqualTo("long key");
    }

    @Test
    void badPercentEscapesAreInvalidKeysOrParameters() {
        try (RawConnection connection = new RawConnection(server.port())) {
            for (String target : List.of("/v1/kv/k%zz", "/v1/kv/k%4", "/v1/kv/%")) {
                connection.send(put(target, "x"));
                RawConnection.RawResponse response = connection.read();
                assertThat(response.status()).as(target).isEqualTo(400);
                assertThat(response.text()).as(target).contains("\"invalid_key\"");
            }
            connection.send("GET /v1/kv?prefix=%g1 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(connection.read().text()).contains("\"invalid_parameter\"");
        }
        assertThat(store.revision()).isZero();
    }

    @Test
    void rawUtf8InThePathIsTakenAsTheBytesSent() {
        byte[] request = ("PUT /v1/kv/caf\u00e9 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nx")
                .getBytes(StandardCharsets.UTF_8);
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(request);
            assertThat(connection.read().status()).isEqualTo(200);
        }
        assertThat(text(server.get("/v1/kv/caf%C3%A9"))).isEqualTo("x");
    }

    @Test
    void aBodyOverTheValueLimitIsRefusedWithJsonAndNothingIsStored() {
        String oversized = "x".repeat(TestServer.VALUE_BYTES_MAX + 1);
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(put("/v1/kv/big", oversized));
            RawConnection.RawResponse response = connection.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.text()).contains("\"value_too_large\"");

            // The skipped body must not be mistaken for a request: the connection goes on cleanly.
            connection.send("GET /v1/kv/big HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(404);
        }
        assertThat(store.revision()).isZero();
    }

    @Test
    void aBodyExactlyAtTheValueLimitIsStored() {
        String atLimit = "x".repeat(TestServer.VALUE_BYTES_MAX);

        assertThat(server.send("PUT", "/v1/kv/big", atLimit).statusCode()).isEqualTo(200);
        assertThat(text(server.get("/v1/kv/big"))).isEqualTo(atLimit);
    }

    @Test
    void anOversizedBodyAnnouncedWithExpectContinueGetsOur413InsteadOf100() {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send("PUT /v1/kv/big HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                    + (TestServer.VALUE_BYTES_MAX + 1) + "\r\n\r\n");
            RawConnection.RawResponse response = connection.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.text()).contains("\"value_too_large\"");
        }
        assertThat(store.revision()).isZero();
    }

    @Test
    void aSmallBodyWithExpectContinueGets100ThenIsStored() {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send("PUT /v1/kv/small HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(100);
            connection.send("ok");
            assertThat(connection.read().status()).isEqualTo(200);
        }
        assertThat(text(server.get("/v1/kv/small"))).isEqualTo("ok");
    }

    @Test
    void anOversizedChunkedBodyIsRefusedAndNothingIsStored() {
        String chunk = "x".repeat(TestServer.VALUE_BYTES_MAX);
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send("PUT /v1/kv/big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n"
                    + "1\r\nx\r\n0\r\n\r\n");
            RawConnection.RawResponse response = connection.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.text()).contains("\"value_too_large\"");
        }
        assertThat(store.revision()).isZero();
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() {
        server.close();
        server = TestServer.start(store, new HttpFrontEndConfig("127.0.0.1", 0, TestServer.LIMITS, 2));
        try (RawConnection first = new RawConnection(server.port());
             RawConnection second = new RawConnection(server.port())) {
            first.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            second.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(first.read().status()).isEqualTo(200);
            assertThat(second.read().status()).isEqualTo(200);
            try (RawConnection third = new RawConnection(server.port())) {
                assertThat(third.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void abruptDisconnectsLeaveTheServerServing() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int index = 0; index < 10; index++) {
            Socket socket = new Socket("127.0.0.1", server.port());
            socket.getOutputStream().write(("PUT /v1/kv/half HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab")
                    .getBytes(StandardCharsets.US_ASCII));
            sockets.add(socket);
        }
        for (Socket socket : sockets) {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/kv/half").statusCode()).isEqualTo(404);
    }

    @Test
    void connectionCloseIsHonouredAfterTheReply() {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            RawConnection.RawResponse response = connection.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().get("connection")).isEqualTo("close");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void requestsPipelinedAfterConnectionCloseAreNotRun() {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" + put("/v1/kv/late", "x"));

            assertThat(connection.read().status()).isEqualTo(200);
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(store.revision()).isZero();
    }

    private static String put(String target, String body) {
        return "PUT " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }
}
