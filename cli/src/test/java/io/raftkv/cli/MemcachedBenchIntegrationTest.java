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
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code raftkv bench --memcached} against a real memcached, started here on loopback with a free port. */
@Tag("integration")
class MemcachedBenchIntegrationTest {
    private static final Path MEMCACHED = Path.of("/usr/bin/memcached");
    /** memcached opens its port within milliseconds; this much is only reached if it failed to start. */
    private static final long STARTUP_TIMEOUT_MILLIS = 10_000;
    private static final long STARTUP_POLL_MILLIS = 20;
    private static final long STOP_TIMEOUT_SECONDS = 10;
    private static final Pattern RESULT = Pattern.compile("RESULT target=memcached workload=\\S+ clients=2 "
            + "valueBytes=256 operations=(\\d+) errors=(\\d+) ");

    @TempDir
    Path directory;

    private Process memcached;
    private Path log;
    private int port;

    @BeforeEach
    void startMemcached() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(MEMCACHED),
                MEMCACHED + " is not installed (Debian package memcached); skipping the run against a real one");
        log = directory.resolve("memcached.log");
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // -u is only used when running as root, where memcached refuses to start without it; the current user
        // keeps it the same user either way.
        memcached = new ProcessBuilder(MEMCACHED.toString(), "-l", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "0", "-m", "64", "-u", System.getProperty("user.name"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitPortOpen();
    }

    private void awaitPortOpen() throws IOException, InterruptedException {
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STARTUP_TIMEOUT_MILLIS);
        while (true) {
            assertThat(memcached.isAlive()).as("memcached is running; its output: %s", Files.readString(log))
                    .isTrue();
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), (int) STARTUP_POLL_MILLIS);
                return;
            } catch (IOException notYet) {
                assertThat(System.nanoTime()).as("memcached listening on port %d", port).isLessThan(deadlineNanos);
                Thread.sleep(STARTUP_POLL_MILLIS);
            }
        }
    }

    @AfterEach
    void stopMemcached() throws InterruptedException {
        if (memcached == null) {
            return;
        }
        memcached.destroy();
        if (!memcached.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            memcached.destroyForcibly().waitFor();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"write", "read", "mixed"})
    void aOneSecondRunOfEachWorkloadHasOperationsAndNoErrors(String workload) {
        CommandRunner.Run run = CommandRunner.run("bench", "--memcached", "127.0.0.1:" + port, "--workload",
                workload, "--clients", "2", "--keys", "1000", "--value-bytes", "256", "--warmup", "0s",
                "--duration", "1s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        Matcher result = RESULT.matcher(run.out());
        assertThat(result.find()).as(run.out()).isTrue();
        assertThat(Long.parseLong(result.group(1))).as("operations").isPositive();
        assertThat(Long.parseLong(result.group(2))).as("errors; stderr: %s", run.err()).isZero();
    }
}
