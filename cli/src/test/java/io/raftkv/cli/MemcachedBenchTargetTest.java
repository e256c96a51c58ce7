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

/** The memcached bench target against a stand-in server on loopback that answers what each test scripts. */
class MemcachedBenchTargetTest {
    private static final Bytes KEY = BenchRun.key(1);
    private static final Bytes VALUE = Bytes.utf8("hello");
    /** Short, so the test of a server that never answers ends soon; every other reply comes at once. */
    private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(300);

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private FakeMemcachedServer server(FakeMemcachedServer.Responder responder) throws IOException {
        FakeMemcachedServer server = new FakeMemcachedServer(responder);
        resources.add(server);
        return server;
    }

    private BenchConnection connect(MemcachedBenchTarget target, int workerIndex) {
        BenchConnection connection = target.open(workerIndex);
        resources.add(connection);
        return connection;
    }

    private static MemcachedBenchTarget target(FakeMemcachedServer... servers) {
        List<HostPort> addresses = new ArrayList<>();
        for (FakeMemcachedServer server : servers) {
            addresses.add(server.hostPort());
        }
        return new MemcachedBenchTarget(addresses, MemcachedBenchTarget.CONNECT_TIMEOUT, SHORT_READ_TIMEOUT);
    }

    @Test
    void setAndGetSpeakTheTextProtocol() throws Exception {
        FakeMemcachedServer server = FakeMemcachedServer.storing();
        resources.add(server);
        BenchConnection connection = connect(target(server), 0);

        assertThat(connection.write(KEY, VALUE)).isEqualTo(BenchReply.SUCCEEDED);
        assertThat(connection.read(KEY, ReadConsistency.LINEARIZABLE)).isEqualTo(BenchReply.SUCCEEDED);

        assertThat(server.requests()).containsExactly("#1 set bench/00000001 0 0 5", "#1 get bench/00000001");
        assertThat(server.setData()).singleElement()
                .satisfies(data -> assertThat(new String(data, StandardCharsets.US_ASCII)).isEqualTo("hello"));
    }

    @Test
    void aMissIsAFailureThatKeepsTheConnection() throws Exception {
        FakeMemcachedServer server = FakeMemcachedServer.storing();
        resources.add(server);
        BenchConnection connection = connect(target(server), 0);

        assertThat(connection.read(KEY, ReadConsistency.LINEARIZABLE))
                .isEqualTo(new BenchReply.Failed("get: miss (END)"));
        assertThat(connection.write(KEY, VALUE)).isEqualTo(BenchReply.SUCCEEDED);

        assertThat(server.requests()).containsExactly("#1 get bench/00000001", "#1 set bench/00000001 0 0 5");
    }

    @Test
    void aServerErrorIsCountedWithItsTextAndTheNextOperationReconnects() throws Exception {
        AtomicInteger sets = new AtomicInteger();
        FakeMemcachedServer server = server((line, data) -> sets.incrementAndGet() == 1
                ? "SERVER_ERROR out of memory storing object\r\n"
                : "STORED\r\n");
        BenchConnection connection = connect(target(server), 0);

        assertThat(connection.write(KEY, VALUE))
                .isEqualTo(new BenchReply.Failed("set: SERVER_ERROR out of memory storing object"));
        assertThat(connection.write(KEY, VALUE)).isEqualTo(BenchReply.SUCCEEDED);

        assertThat(server.requests()).containsExactly("#1 set bench/00000001 0 0 5", "#2 set bench/00000001 0 0 5");
    }

    @Test
    void aMalformedReplyIsAFailureAndTheNextOperationReconnects() throws Exception {
        AtomicInteger gets = new AtomicInteger();
        FakeMemcachedServer server = server((line, data) -> gets.incrementAndGet() == 1
                ? "VALUE bench/00000001 0 3\r\nhello\r\nEND\r\n"
                : "VALUE bench/00000001 0 5\r\nhello\r\nEND\r\n");
        BenchConnection connection = connect(target(server), 0);

        assertThat(connection.read(KEY, ReadConsistency.LINEARIZABLE)).isInstanceOfSatisfying(BenchReply.Failed.class,
                failed -> assertThat(failed.message()).startsWith("get: ").contains("longer than announced"));
        assertThat(connection.read(KEY, ReadConsistency.LINEARIZABLE)).isEqualTo(BenchReply.SUCCEEDED);

        assertThat(server.requests()).containsExactly("#1 get bench/00000001", "#2 get bench/00000001");
    }

    @Test
    void aServerThatHangsUpIsAFailureAndTheNextOperationReconnects() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        FakeMemcachedServer server = server((line, data) -> requests.incrementAndGet() == 1 ? null : "STORED\r\n");
        BenchConnection connection = connect(target(server), 0);

        assertThat(connection.write(KEY, VALUE)).isInstanceOfSatisfying(BenchReply.Failed.class,
                failed -> assertThat(failed.message()).startsWith("set: "));
        assertThat(connection.write(KEY, VALUE)).isEqualTo(BenchReply.SUCCEEDED);
    }

    @Test
    void aServerThatNeverAnswersIsAFailureAfterTheReadTimeout() throws Exception {
        FakeMemcachedServer server = server((line, data) -> "");
        BenchConnection connection = connect(target(server), 0);

        assertThat(connection.write(KEY, VALUE)).isInstanceOfSatisfying(BenchReply.Failed.class,
                failed -> assertThat(failed.message()).startsWith("set: SocketTimeoutException"));
    }

    @Test
    void workersAreSpreadOverTheAddressesInTurn() throws Exception {
        FakeMemcachedServer first = FakeMemcachedServer.storing();
        resources.add(first);
        FakeMemcachedServer second = FakeMemcachedServer.storing();
        resources.add(second);
        MemcachedBenchTarget target = target(first, second);

        for (int workerIndex = 0; workerIndex < 3; workerIndex++) {
            assertThat(connect(target, workerIndex).write(BenchRun.key(workerIndex), VALUE))
                    .isEqualTo(BenchReply.SUCCEEDED);
        }

        assertThat(first.requests()).containsExactlyInAnyOrder("#1 set bench/00000000 0 0 5",
                "#2 set bench/00000002 0 0 5");
        assertThat(second.requests()).containsExactly("#1 set bench/00000001 0 0 5");
    }

    @Test
    void anUnreachableServerAbortsBeforeTheBenchmarkStarts() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        MemcachedBenchTarget target = MemcachedBenchTarget.parse("127.0.0.1:" + closedPort);

        assertThatThrownBy(() -> target.open(0)).isInstanceOfSatisfying(BenchAbortedException.class, aborted -> {
            assertThat(aborted.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(aborted.getMessage()).startsWith("cannot connect to memcached at 127.0.0.1:" + closedPort);
        });
    }

    @Test
    void addressesAreParsedAndDescribed() {
        MemcachedBenchTarget target = MemcachedBenchTarget.parse("127.0.0.1:11211, localhost:11212");

        assertThat(target.addresses()).containsExactly(new HostPort("127.0.0.1", 11211),
                new HostPort("localhost", 11212));
        assertThat(target.describe()).isEqualTo("memcached 127.0.0.1:11211,localhost:11212");
        assertThat(target.name()).isEqualTo("memcached");
    }

    @Test
    void anEmptyAddressInTheListIsASettingError() {
        assertThatThrownBy(() -> MemcachedBenchTarget.parse("127.0.0.1:11211,"))
                .isInstanceOf(SettingException.class).hasMessageContaining("--memcached: expected HOST:PORT");
    }
}
