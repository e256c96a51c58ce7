package io.raftkv.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Client commands against a stand-in node that answers each route with a fixed, documented reply. */
class ClientCommandsTest {
    private static final String METADATA =
            "\"revision\":5,\"createRevision\":4,\"modRevision\":5,\"version\":2,\"flags\":0,\"expiresAt\":0,\"ttl\":0";

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFakeNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopFakeNode() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        bodies.add(exchange.getRequestBody().readAllBytes());
        if (path.equals("/v1/kv/stale")) {
            reply(exchange, 412, Map.of(), "{\"error\":\"revision_mismatch\",\"message\":\"stale\",\"current\":{"
                    + METADATA + "}}");
        } else if (path.equals("/v1/kv/absent")) {
            reply(exchange, 404, Map.of("X-Raftkv-Revision", "5"), "{\"error\":\"not_found\",\"message\":\"no\"}");
        } else if (path.equals("/v1/kv/full")) {
            reply(exchange, 507, Map.of(), "{\"error\":\"no_space\",\"message\":\"writes refused: node n3 has "
                    + "12 MiB free on /data/n3\"}");
        } else if (path.equals("/v1/kv/forgotten")) {
            reply(exchange, 409, Map.of(), "{\"error\":\"sequence_forgotten\",\"message\":\"forgotten\"}");
        } else if (path.equals("/v1/kv/big")) {
            reply(exchange, 413, Map.of(), "{\"error\":\"value_too_large\",\"message\":\"over 1048576 bytes\"}");
        } else if (exchange.getRequestMethod().equals("GET") && path.equals("/v1/kv/greeting")) {
            reply(exchange, 200, Map.of("X-Raftkv-Revision", "5", "X-Raftkv-Create-Revision", "4",
                    "X-Raftkv-Mod-Revision", "5", "X-Raftkv-Version", "2", "X-Raftkv-Flags", "0",
                    "X-Raftkv-Expires-At", "0"), "hello");
        } else if (path.equals("/v1/kv")) {
            reply(exchange, 200, Map.of(), "{\"revision\":5,\"count\":3,\"more\":true,\"kvs\":[{\"key\":\"a\","
                    + "\"value\":\"1\"," + METADATA + "},{\"keyBase64\":\"AP8=\",\"valueBase64\":\"AA==\"," + METADATA
                    + "}]}");
        } else {
            reply(exchange, 200, Map.of(), "{\"key\":\"k\"," + METADATA + "}");
        }
    }

    private static void reply(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private CommandRunner.Run raftkv(String... arguments) {
        return raftkvWithStdin(new byte[0], arguments);
    }

    private CommandRunner.Run raftkvWithStdin(byte[] stdin, String... arguments) {
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        return CommandRunner.runWith(Map.of("RAFTKV_ENDPOINTS", endpoint), stdin, arguments);
    }

    @Test
    void getPrintsTheRawValueWithoutNewlineWhenNotATerminal() {
        CommandRunner.Run run = raftkv("get", "greeting");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("hello");
    }

    @Test
    void getWithMetaPrintsTheMetadataFirst() {
        CommandRunner.Run run = raftkv("get", "greeting", "--meta", "--serializable");

        assertThat(run.out()).isEqualTo("revision=5 createRevision=4 modRevision=5 version=2 flags=0 "
                + "expiresAt=never" + System.lineSeparator() + "hello");
        assertThat(requests).containsExactly("GET /v1/kv/greeting?consistency=serializable");
    }

    @Test
    void getOfAbsentKeyExitsOne() {
        CommandRunner.Run run = raftkv("get", "absent");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.err()).contains("not found: \"absent\"");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void putSendsTtlAndFlagsAndPrintsMetadata() {
        CommandRunner.Run run = raftkv("put", "k", "v", "--ttl", "2m", "--flags", "7");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("revision=5 createRevision=4 modRevision=5 version=2");
        assertThat(requests).containsExactly("PUT /v1/kv/k?ttl=120&flags=7");
    }

    @Test
    void putDashReadsTheValueFromStdin() {
        byte[] binary = {0, (byte) 0xff, '\n'};
        CommandRunner.Run run = raftkvWithStdin(binary, "put", "k", "-");

        assertThat(run.exitCode()).isZero();
        assertThat(bodies.get(0)).isEqualTo(binary);
    }

    @Test
    void staleIfModRevisionExitsFour() {
        CommandRunner.Run run = raftkv("put", "stale", "v", "--if-mod-revision", "3");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REVISION_MISMATCH);
        assertThat(run.err()).contains("revision mismatch: the key's modRevision is 5");
        assertThat(requests).containsExactly("PUT /v1/kv/stale?ifModRevision=3");
    }

    @Test
    void staleCasExitsFour() {
        assertThat(raftkv("cas", "stale", "3", "v").exitCode()).isEqualTo(ExitCodes.REVISION_MISMATCH);
    }

    @Test
    void tooLargeAppendExitsFive() {
        CommandRunner.Run run = raftkv("append", "big", "more");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.err()).contains("VALUE_TOO_LARGE").contains("1048576");
        assertThat(requests).containsExactly("POST /v1/kv/big?op=append");
    }

    @Test
    void aForgottenSequenceExitsFiveAndNamesTheSequence() {
        CommandRunner.Run run = raftkv("put", "forgotten", "v");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.err()).isEqualTo("rejected: the server forgot sequence 1 (completed below 1)"
                + System.lineSeparator());
    }

    @Test
    void aFullDiskExitsSevenWithTheReason() {
        CommandRunner.Run run = raftkv("put", "full", "v");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NO_SPACE);
        assertThat(run.err()).contains("no space", "node n3 has 12 MiB free on /data/n3");
    }

    @Test
    void deleteOfAbsentKeyExitsOne() {
        assertThat(raftkv("delete", "absent").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void listPrintsTextOrBase64AndWarnsAboutMore() {
        CommandRunner.Run run = raftkv("list", "--prefix", "a", "--limit", "2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).containsExactly("a\t1", "base64:AP8=\tbase64:AA==");
        assertThat(run.err()).contains("3 keys in the range, 2 shown");
        assertThat(requests).containsExactly("GET /v1/kv?prefix=a&limit=2");
    }

    @Test
    void listRefusesPrefixTogetherWithRange() {
        CommandRunner.Run run = raftkv("list", "--prefix", "a", "--start", "b");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(requests).isEmpty();
    }

    @Test
    void unreachableClusterExitsThree() {
        CommandRunner.Run run = CommandRunner.runWith(Map.of(), new byte[0],
                "get", "k", "--endpoints", "http://127.0.0.1:1", "--timeout", "300ms");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("cluster unavailable").contains("http://127.0.0.1:1");
    }
}
