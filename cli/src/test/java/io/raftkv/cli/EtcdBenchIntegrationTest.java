package io.raftkv.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code raftkv bench --etcd} against a real single-node etcd, started here on loopback with free ports. */
@Tag("integration")
class EtcdBenchIntegrationTest {
    private static final Path ETCD = Path.of("/usr/bin/etcd");
    private static final long STOP_TIMEOUT_SECONDS = 10;
    private static final Pattern RESULT = Pattern.compile("RESULT target=etcd workload=\\S+ clients=2 "
            + "valueBytes=256 operations=(\\d+) errors=(\\d+) .* inFlightMax=(\\d+)");

    @TempDir
    Path directory;

    private Process etcd;
    private int clientPort;

    @BeforeEach
    void startEtcd() throws IOException {
        String missing = ETCD + " is not installed (Debian package etcd-server)";
        // CI installs etcd (.ci/run): there a missing etcd is a broken set-up, not a reason to skip.
        if ("true".equals(System.getenv("CI"))) {
            org.assertj.core.api.Assertions.assertThat(Files.isExecutable(ETCD)).as(missing).isTrue();
        }
        Assumptions.assumeTrue(Files.isExecutable(ETCD), missing + "; skipping the run against a real etcd");
        clientPort = freePort();
        int peerPort = freePort();
        String clientUrl = "http://127.0.0.1:" + clientPort;
        String peerUrl = "http://127.0.0.1:" + peerPort;
        etcd = new ProcessBuilder(ETCD.toString(), "--name", "bench", "--data-dir",
                directory.resolve("etcd").toString(), "--listen-client-urls", clientUrl, "--advertise-client-urls",
                clientUrl, "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", "bench=" + peerUrl, "--logger", "zap", "--log-level", "error")
                .redirectErrorStream(true).redirectOutput(directory.resolve("etcd.log").toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @AfterEach
    void stopEtcd() throws InterruptedException {
        if (etcd == null) {
            return;
        }
        etcd.destroy();
        if (!etcd.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            etcd.destroyForcibly().waitFor();
        }
    }

    /** The bench's first request waits for etcd's port and first election: its connect timeout is far longer. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"write", "read", "serializable-read", "mixed"})
    void aOneSecondRunOfEachWorkloadHasOperationsAndNoErrors(String workload) throws IOException {
        CommandRunner.Run run = CommandRunner.run("bench", "--etcd", "127.0.0.1:" + clientPort, "--workload",
                workload, "--clients", "2", "--keys", "100", "--value-bytes", "256", "--warmup", "0s",
                "--duration", "1s");

        assertThat(run.exitCode()).as("%s%netcd's log: %s", run.err(),
                Files.readString(directory.resolve("etcd.log"))).isEqualTo(ExitCodes.OK);
        Matcher result = RESULT.matcher(run.out());
        assertThat(result.find()).as(run.out()).isTrue();
        assertThat(Long.parseLong(result.group(1))).as("operations").isPositive();
        assertThat(Long.parseLong(result.group(2))).as("errors; stderr: %s", run.err()).isZero();
        assertThat(Integer.parseInt(result.group(3))).as("most operations in flight").isBetween(1, 2);
    }
}
