package io.raftkv.cli;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lean HTTP bench target against a stand-in node on loopback that answers what each test scripts. */
class LeanHttpBenchTargetTest {
    private static final Bytes KEY = BenchRun.key(1);
    private static final Bytes VALUE = Bytes.utf8("hello");
    /** Short, so the test of a server that never answers ends soon; every other response comes at once. */
    private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(300);

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private FakeHttpServer server(FakeHttpServer.Responder responder) throws IOException {
        FakeHttpServer server = new FakeHttpServer(responder);
        resources.add(server);
        return server;
    }

    private FakeHttpServer storingServer() throws IOException {
        FakeHttpServer server = FakeHttpServer.storing();
        resources.add(server);
        return server;
    }

    private BenchConnection connect(FakeHttpServer server) {
        BenchConnection connection = LeanHttpBenchTarget.parse(server.url(), SHORT_READ_TIMEOUT).open(0);
        resources.add(connection);
        return connection;
    }

    @Test
    void putThenGetRoundTripsOverOneKeptAliveConnection() throws Exception {
        FakeHttpServer server = storingServer();
        BenchConnection connection = connect(server);

        assertThat(connection.write(KEY, VALUE)).isEqualTo(BenchReply.SUCCEEDED);
        assertThat(connection.read(KEY, ReadConsistency.LINEARIZABLE)).isEqualTo(BenchReply.SUCCEEDED);
        assertThat(connection.read(KEY, ReadConsistency.SERIALIZABLE)).isEqualTo(BenchReply.SUCCEEDED);
        assertThat(connection.write(KEY, VALUE)).isEqualTo(BenchReply.SUCCEEDED);

        assertThat(server.requests()).containsExactly(
                "#1 PUT /v1/kv/bench/00000001 HTTP/1.1",
                "#1 GET /v1/kv/bench/00000001 HTTP/1.1",
                "#1 GET /v1/kv/bench/00000001?consistency=serializable HTTP/1.1",
                "#1 PUT /v1/kv/bench/00000001 HTTP/1.1");
    }

    @Test
    void aMissingKeyIsAFailureWithTheServersErrorThatKeepsTheConnection() throws Exception {
        FakeHttpServer server = storingServer();
        BenchConnection connection = connect(server);

        assertThat(connection.read(KEY, ReadConsistency.LINEARIZABLE)).isEqualTo(new BenchReply.Failed(
                "get: HTTP 404 {\"error\":\"not_found\",\"message\":\"no such key\"}"));
        assertThat(connection.write(KEY, VALUE)).isEqualTo(BenchReply.SUCCEEDED);

        assertThat(server.requests()).extracting(request -> request.substring(0, 2)).containsOnly("#1");
    }

    @Test
    void anErrorStatusOnAPutIsAFailure() throws Exception {
        FakeHttpServer server = server((requestLine, body) ->
                FakeHttpServer.response(503, "{\"error\":\"unavailable\",\"message\":\"no leader\"}"));
        BenchConnection connection = connect(server);

        assertThat(connection.write(KEY, VALUE)).isEqualTo(new BenchReply.Failed(
                "put: HTTP 503 {\"error\":\"unavailable\",\"message\":\"no leader\"}"));
    }

    @Test
    void theValueIsSentAsTheBodyAndOddKeyBytesArePercentEncoded() throws Exception {
        List<String> bodies = new ArrayList<>();
        FakeHttpServer server = server((requestLine, body) -> {
            bodies.add(new String(body, StandardCharsets.ISO_8859_1));
            return FakeHttpServer.response(200, "{}");
        });
        BenchConnection connection = connect(server);

        assertThat(connection.write(Bytes.utf8("a b/%é"), VALUE)).isEqualTo(BenchReply.SUCCEEDED);

        assertThat(server.requests()).containsExactly("#1 PUT /v1/kv/a%20b/%25%C3%A9 HTTP/1.1");
        assertThat(bodies).containsExactly("hello");
    }

    @Test
    void aClosedConnectionIsReportedAndTheNextOperationReconnects() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        FakeHttpServer server = server((requestLine, body) ->
                requests.incrementAndGet() == 1 ? null : FakeHttpServer.response(200, "{}"));
        BenchConnection connection = connect(server);

        assertThat(connection.write(KEY, VALUE))
                .isEqualTo(new BenchReply.Failed("put: EOFException: the server closed the connection"));
        assertThat(connection.write(KEY, VALUE)).isEqualTo(BenchReply.SUCCEEDED);

        assertThat(server.requests()).containsExactly("#1 PUT /v1/kv/bench/00000001 HTTP/1.1",
                "#2 PUT /v1/kv/bench/00000001 HTTP/1.1");
    }

    @Test
    void aResponseWithConnectionCloseEndsTheConnectionAfterItIsCounted() throws Exception {
        FakeHttpServer server = server((requestLine, body) ->
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
        BenchConnection connection = connect(server);

        assertThat(connection.write(KEY, VALUE)).isEqualTo(BenchReply.SUCCEEDED);
        assertThat(connection.write(KEY, VALUE)).isEqualTo(BenchReply.SUCCEEDED);

        assertThat(server.requests()).containsExactly("#1 PUT /v1/kv/bench/00000001 HTTP/1.1",
                "#2 PUT /v1/kv/bench/00000001 HTTP/1.1");
    }

    @Test
    void aChunkedResponseIsAProtocolFailure() throws Exception {
        FakeHttpServer server = server((requestLine, body) ->
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
        BenchConnection connection = connect(server);

        assertThat(connection.write(KEY, VALUE)).isEqualTo(new BenchReply.Failed("put: a reply with "
                + "Transfer-Encoding chunked: raftkv's key routes always send Content-Length"));
    }

    @Test
    void aServerThatNeverAnswersIsAFailureAfterTheReadTimeout() throws Exception {
        FakeHttpServer server = server((requestLine, body) -> "");
        BenchConnection connection = connect(server);

        assertThat(connection.write(KEY, VALUE)).isInstanceOfSatisfying(BenchReply.Failed.class,
                failed -> assertThat(failed.message()).startsWith("put: SocketTimeoutException"));
    }

    @Test
    void workersSpreadOverTheEndpoints() throws Exception {
        FakeHttpServer first = storingServer();
        FakeHttpServer second = storingServer();
        LeanHttpBenchTarget target = LeanHttpBenchTarget.parse(first.url() + "," + second.url() + "/",
                SHORT_READ_TIMEOUT);

        for (int workerIndex = 0; workerIndex < 3; workerIndex++) {
            BenchConnection connection = target.open(workerIndex);
            resources.add(connection);
            assertThat(connection.write(KEY, VALUE)).isEqualTo(BenchReply.SUCCEEDED);
        }

        assertThat(first.requests()).hasSize(2);
        assertThat(second.requests()).hasSize(1);
    }

    @Test
    void anUnreachableNodeAbortsTheBenchmarkBeforeItStarts() throws Exception {
        int port;
        try (ServerSocket closedSoon = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = closedSoon.getLocalPort();
        }
        LeanHttpBenchTarget target = LeanHttpBenchTarget.parse("http://127.0.0.1:" + port, SHORT_READ_TIMEOUT);

        assertThatThrownBy(() -> target.open(0)).isInstanceOf(BenchAbortedException.class)
                .hasMessageContaining("cannot connect to raftkv at 127.0.0.1:" + port);
    }

    @Test
    void anEndpointThatIsNotAPlainHttpUrlIsRefused() {
        assertThatThrownBy(() -> LeanHttpBenchTarget.parse("https://127.0.0.1:8081", SHORT_READ_TIMEOUT))
                .isInstanceOf(SettingException.class).hasMessageContaining("http://HOST:PORT");
        assertThatThrownBy(() -> LeanHttpBenchTarget.parse("http://127.0.0.1:8081/prefix", SHORT_READ_TIMEOUT))
                .isInstanceOf(SettingException.class);
    }
}
