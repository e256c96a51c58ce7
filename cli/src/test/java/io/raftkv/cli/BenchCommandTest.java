package io.raftkv.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code raftkv bench}: its options, its output, and short runs against stand-in servers. */
class BenchCommandTest {
    /** Short runs: the operation budget ends them long before this. */
    private static final String[] QUICK = {"--warmup", "0s", "--duration", "60s", "--value-bytes", "16"};

    private static CommandRunner.Run bench(String... arguments) {
        String[] all = new String[1 + QUICK.length + arguments.length];
        all[0] = "bench";
        System.arraycopy(QUICK, 0, all, 1, QUICK.length);
        System.arraycopy(arguments, 0, all, 1 + QUICK.length, arguments.length);
        return CommandRunner.run(all);
    }

    private static void assertOneLineError(CommandRunner.Run run, int exitCode, String expectedMessage) {
        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.err()).contains(expectedMessage).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().lines().count()).as("one line and perhaps a usage hint: %s", run.err())
                .isLessThanOrEqualTo(2);
    }

    @Test
    void serializableReadsAreRefusedForMemcached() {
        assertOneLineError(bench("--memcached", "127.0.0.1:11211", "--workload", "serializable-read"),
                ExitCodes.USAGE, "--workload serializable-read is not available with --memcached");
    }

    @Test
    void anAddressWithoutPortIsAUsageError() {
        assertOneLineError(bench("--memcached", "127.0.0.1"), ExitCodes.USAGE,
                "--memcached: expected HOST:PORT, was '127.0.0.1'");
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        assertOneLineError(bench("--memcached", "127.0.0.1:11211,127.0.0.1:99999"), ExitCodes.USAGE,
                "--memcached: port must be 1 to 65535, was 99999");
    }

    @Test
    void anUnreachableMemcachedEndsTheBenchWithOneLine() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        CommandRunner.Run run = bench("--memcached", "127.0.0.1:" + closedPort);

        assertOneLineError(run, ExitCodes.UNAVAILABLE,
                "raftkv bench: cannot connect to memcached at 127.0.0.1:" + closedPort);
    }

    @Test
    void aReadRunAgainstMemcachedPreloadsAndReportsTheTargetFirst() throws IOException {
        try (FakeMemcachedServer server = FakeMemcachedServer.storing()) {
            CommandRunner.Run run = bench("--memcached", server.address(), "--workload", "read", "--clients", "2",
                    "--keys", "20", "--max-operations", "100");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out().lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                    .startsWith("bench: target=memcached " + server.address() + " workload=read clients=2 "));
            assertThat(run.out()).contains("RESULT target=memcached workload=read clients=2 valueBytes=16 "
                    + "operations=100 errors=0 opsPerSecond=");
            assertThat(server.requests()).filteredOn(request -> request.contains(" set ")).hasSize(20);
        }
    }

    @Test
    void errorRepliesAreCountedWithTheirTextAndTheRunGoesOn() throws IOException {
        AtomicInteger sets = new AtomicInteger();
        FakeMemcachedServer.Responder everyThirdRefused = (line, data) -> sets.incrementAndGet() % 3 == 0
                ? "SERVER_ERROR out of memory storing object\r\n"
                : "STORED\r\n";
        try (FakeMemcachedServer server = new FakeMemcachedServer(everyThirdRefused)) {
            CommandRunner.Run run = bench("--memcached", server.address(), "--workload", "write", "--clients", "1",
                    "--max-operations", "90");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains("RESULT target=memcached workload=write clients=1 valueBytes=16 "
                    + "operations=60 errors=30 ");
            assertThat(run.err()).contains("errors: 30 x set: SERVER_ERROR out of memory storing object");
        }
    }

    @Test
    void memcachedAndEtcdTogetherAreAUsageError() {
        assertOneLineError(bench("--memcached", "127.0.0.1:11211", "--etcd", "127.0.0.1:2379"), ExitCodes.USAGE,
                "--memcached and --etcd choose different targets: give one of them");
    }

    @Test
    void aBadEtcdAddressIsAUsageError() {
        assertOneLineError(bench("--etcd", "127.0.0.1:2379,127.0.0.1"), ExitCodes.USAGE,
                "--etcd: expected HOST:PORT, was '127.0.0.1'");
    }

    @Test
    void aSerializableReadRunAgainstEtcdPreloadsAndReportsTheConcurrencyReached() throws Exception {
        try (FakeEtcdServer server = new FakeEtcdServer()) {
            CommandRunner.Run run = bench("--etcd", server.address(), "--workload", "serializable-read",
                    "--clients", "1", "--keys", "20", "--max-operations", "100");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).startsWith("bench: target=etcd " + server.address()
                    + " workload=serializable-read clients=1 ");
            assertThat(run.out()).contains("RESULT target=etcd workload=serializable-read clients=1 valueBytes=16 "
                    + "operations=100 errors=0 opsPerSecond=").contains(" inFlightMax=1\n");
            assertThat(server.requests()).filteredOn(request -> request.startsWith("put ")).hasSize(20);
            assertThat(server.requests()).filteredOn(request -> request.endsWith(" serializable")).hasSize(100);
        }
    }

    @Test
    void skipPreloadReadsWithoutWritingTheKeysFirst() throws Exception {
        try (FakeEtcdServer server = new FakeEtcdServer()) {
            CommandRunner.Run run = bench("--etcd", server.address(), "--workload", "read", "--clients", "1",
                    "--keys", "20", "--max-operations", "10", "--skip-preload");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains("operations=0 errors=10 ");
            assertThat(run.err()).contains("errors: 10 x get: not found");
            assertThat(server.requests()).noneMatch(request -> request.startsWith("put "));
        }
    }

    @Test
    void aRunAgainstTheHttpApiReportsTheHttpTarget() throws IOException {
        assertHttpRunReports(List.of(), "http");
    }

    @Test
    void aRunThroughTheClientLibraryReportsItsOwnTarget() throws IOException {
        assertHttpRunReports(List.of("--http-client", "library"), "http-library");
    }

    @Test
    void anUnknownHttpClientIsAUsageError() {
        assertOneLineError(bench("--http-client", "curl", "--max-operations", "1"), ExitCodes.USAGE,
                "--http-client must be lean or library, was 'curl'");
    }

    private void assertHttpRunReports(List<String> clientChoice, String targetName) throws IOException {
        HttpServer node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/", BenchCommandTest::answerLikeANode);
        node.start();
        try {
            String endpoint = "http://127.0.0.1:" + node.getAddress().getPort();
            List<String> arguments = new ArrayList<>(clientChoice);
            arguments.addAll(List.of("--endpoints", endpoint, "--workload", "mixed", "--clients", "2",
                    "--keys", "10", "--max-operations", "40"));
            CommandRunner.Run run = bench(arguments.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).startsWith("bench: target=" + targetName + " " + endpoint
                    + " workload=mixed clients=2 ");
            assertThat(run.out()).contains("RESULT target=" + targetName + " workload=mixed clients=2 valueBytes=16 "
                    + "operations=40 errors=0 opsPerSecond=");
        } finally {
            node.stop(0);
        }
    }

    /** A put is answered with its metadata, a get with a value, as a node does. */
    private static void answerLikeANode(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body;
        if (exchange.getRequestMethod().equals("GET")) {
            Map.of("X-Raftkv-Revision", "5", "X-Raftkv-Create-Revision", "4", "X-Raftkv-Mod-Revision", "5",
                    "X-Raftkv-Version", "2", "X-Raftkv-Flags", "0", "X-Raftkv-Expires-At", "0")
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            body = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        } else {
            body = ("{\"key\":\"k\",\"revision\":5,\"createRevision\":4,\"modRevision\":5,\"version\":2,\"flags\":0,"
                    + "\"expiresAt\":0,\"ttl\":0}").getBytes(StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
