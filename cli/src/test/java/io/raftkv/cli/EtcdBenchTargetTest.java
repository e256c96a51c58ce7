package io.raftkv.cli;

import io.grpc.Status;
import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The etcd bench target against a stand-in gRPC server on loopback. */
class EtcdBenchTargetTest {
    private static final Bytes KEY = BenchRun.key(1);
    private static final Bytes VALUE = Bytes.utf8("hello");
    /** Short, so the test of an unreachable server ends soon; it cannot be too short for a closed port. */
    private static final Duration SHORT_CONNECT_TIMEOUT = Duration.ofMillis(500);

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private FakeEtcdServer server() throws IOException {
        FakeEtcdServer server = new FakeEtcdServer();
        resources.add(server);
        return server;
    }

    private EtcdBenchTarget target(FakeEtcdServer... servers) {
        List<HostPort> addresses = new ArrayList<>();
        for (FakeEtcdServer server : servers) {
            addresses.add(server.hostPort());
        }
        EtcdBenchTarget target = new EtcdBenchTarget(addresses, EtcdBenchTarget.CONNECT_TIMEOUT,
                EtcdBenchTarget.REQUEST_TIMEOUT);
        resources.add(target);
        return target;
    }

    @Test
    void aWriteIsAPutAndAReadIsALinearizableRangeOfTheKey() throws Exception {
        FakeEtcdServer server = server();
        BenchConnection connection = target(server).open(0);

        assertThat(connection.write(KEY, VALUE)).isEqualTo(BenchReply.SUCCEEDED);
        assertThat(connection.read(KEY, ReadConsistency.LINEARIZABLE)).isEqualTo(BenchReply.SUCCEEDED);

        assertThat(server.requests()).containsExactly("put bench/00000001 hello", "range bench/00000001");
    }

    @Test
    void aSerializableReadAsksEtcdForASerializableRange() throws Exception {
        FakeEtcdServer server = server();
        BenchConnection connection = target(server).open(0);
        connection.write(KEY, VALUE);

        assertThat(connection.read(KEY, ReadConsistency.SERIALIZABLE)).isEqualTo(BenchReply.SUCCEEDED);

        assertThat(server.requests()).last().isEqualTo("range bench/00000001 serializable");
    }

    @Test
    void aMissingKeyIsAFailure() throws Exception {
        FakeEtcdServer server = server();
        BenchConnection connection = target(server).open(0);

        assertThat(connection.read(KEY, ReadConsistency.LINEARIZABLE)).isEqualTo(new BenchReply.Failed("get: not found"));
    }

    @Test
    void aRefusalIsCountedWithItsStatusCodeAndDescriptionWithoutTheKey() throws Exception {
        FakeEtcdServer server = server();
        BenchConnection connection = target(server).open(0);
        server.refuseWith(Status.UNAVAILABLE.withDescription("etcdserver: leader changed"));

        assertThat(connection.write(KEY, VALUE))
                .isEqualTo(new BenchReply.Failed("put: UNAVAILABLE etcdserver: leader changed"));
        assertThat(connection.read(BenchRun.key(2), ReadConsistency.LINEARIZABLE))
                .isEqualTo(new BenchReply.Failed("get: UNAVAILABLE etcdserver: leader changed"));
    }

    @Test
    void workersAreSpreadOverTheAddressesInTurn() throws Exception {
        FakeEtcdServer first = server();
        FakeEtcdServer second = server();
        EtcdBenchTarget target = target(first, second);

        for (int workerIndex = 0; workerIndex < 3; workerIndex++) {
            assertThat(target.open(workerIndex).write(BenchRun.key(workerIndex), VALUE))
                    .isEqualTo(BenchReply.SUCCEEDED);
        }

        assertThat(first.requests()).containsExactlyInAnyOrder("put bench/00000000 hello", "put bench/00000002 hello");
        assertThat(second.requests()).containsExactly("put bench/00000001 hello");
    }

    @Test
    void anUnreachableServerAbortsBeforeTheBenchmarkStarts() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        EtcdBenchTarget target = new EtcdBenchTarget(List.of(new HostPort("127.0.0.1", closedPort)), SHORT_CONNECT_TIMEOUT,
                EtcdBenchTarget.REQUEST_TIMEOUT);
        resources.add(target);

        assertThatThrownBy(() -> target.open(0)).isInstanceOfSatisfying(BenchAbortedException.class, aborted -> {
            assertThat(aborted.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(aborted.getMessage()).startsWith("cannot reach etcd at 127.0.0.1:" + closedPort
                    + ": DEADLINE_EXCEEDED");
        });
    }

    @Test
    void addressesAreParsedAndDescribed() {
        EtcdBenchTarget target = EtcdBenchTarget.parse("127.0.0.1:2379, localhost:22379");

        assertThat(target.addresses()).containsExactly(new HostPort("127.0.0.1", 2379),
                new HostPort("localhost", 22379));
        assertThat(target.describe()).isEqualTo("etcd 127.0.0.1:2379,localhost:22379");
        assertThat(target.name()).isEqualTo("etcd");
    }

    @Test
    void anEmptyAddressInTheListIsASettingError() {
        assertThatThrownBy(() -> EtcdBenchTarget.parse(",127.0.0.1:2379"))
                .isInstanceOf(SettingException.class).hasMessageContaining("--etcd: expected HOST:PORT");
    }
}
