package io.raftkv.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The harness's process handling, on a shell process instead of a node, so it runs in milliseconds. */
class LocalNodeTest {
    /** Prints a line, then waits to be signalled; {@code exec} makes the signal reach the sleeping process itself. */
    static final List<String> SLEEPER = List.of("sh", "-c", "echo sleeper up; exec sleep 60");
    static final int SIGKILL_EXIT_CODE = 128 + 9;
    static final int SIGTERM_EXIT_CODE = 128 + 15;

    @TempDir
    Path directory;

    @Test
    void killEndsTheProcessAndIsNotACrash() {
        LocalNode node = node();
        node.start(SLEEPER, "sleeper", Map.of());
        assertThat(node.isRunning()).isTrue();

        node.kill();

        assertThat(node.isRunning()).isFalse();
        assertThat(node.crashed()).isFalse();
        assertThat(node.exitCode()).hasValue(SIGKILL_EXIT_CODE);
        assertThat(node.logTail(10)).anyMatch(line -> line.contains("killed with SIGKILL"));
    }

    @Test
    void stopSendsSigtermAndReturnsTheExitCode() {
        LocalNode node = node();
        node.start(SLEEPER, "sleeper", Map.of());

        assertThat(node.stop()).isEqualTo(SIGTERM_EXIT_CODE);
        assertThat(node.crashed()).isFalse();
    }

    @Test
    void processThatEndsOnItsOwnIsACrash() {
        LocalNode node = node();
        node.start(List.of("sh", "-c", "exit 3"), "quitter", Map.of());

        awaitExit(node);

        assertThat(node.crashed()).isTrue();
        assertThat(node.exitCode()).hasValue(3);
    }

    @Test
    void startingARunningNodeIsRefused() {
        LocalNode node = node();
        node.start(SLEEPER, "sleeper", Map.of());

        assertThatThrownBy(() -> node.start(SLEEPER, "second sleeper", Map.of()))
                .hasMessageContaining("already running");
        node.kill();
    }

    @Test
    void wipeDeletesTheDataButKeepsTheLog() throws IOException {
        LocalNode node = node();
        node.start(SLEEPER, "sleeper", Map.of());
        Files.writeString(node.dataDirectory().resolve("nested-file"), "data");
        assertThatThrownBy(node::wipe).hasMessageContaining("must be stopped");
        await().atMost(Duration.ofSeconds(10)).until(() -> node.logTail(10).contains("sleeper up"));
        node.kill();

        node.wipe();

        assertThat(node.dataDirectory()).doesNotExist();
        assertThat(node.logTail(10)).contains("sleeper up");
    }

    @Test
    void logOfCurrentRunStartsAfterTheLastStart() {
        LocalNode node = node();
        node.start(List.of("sh", "-c", "echo first run"), "first", Map.of());
        awaitExit(node);
        node.start(List.of("sh", "-c", "echo second run"), "second", Map.of());
        awaitExit(node);

        assertThat(node.logOfCurrentRun()).containsExactly("second run");
    }

    @Test
    void pauseFreezesTheProcessAndResumeLetsItRunOn() {
        LocalNode node = node();
        node.start(SLEEPER, "sleeper", Map.of());
        long pid = node.pid().orElseThrow();

        node.pause();

        assertThat(node.isPaused()).isTrue();
        assertThat(node.isRunning()).isTrue();
        assertThat(Signals.state(pid)).isEqualTo('T');
        assertThat(node.crashed()).isFalse();

        node.resume();

        assertThat(node.isPaused()).isFalse();
        assertThat(Signals.state(pid)).isNotEqualTo('T');
        assertThat(node.logTail(10)).anyMatch(line -> line.contains("paused with SIGSTOP"))
                .anyMatch(line -> line.contains("resumed with SIGCONT"));
        node.kill();
    }

    @Test
    void killEndsAPausedProcess() {
        LocalNode node = node();
        node.start(SLEEPER, "sleeper", Map.of());
        node.pause();

        node.kill();

        assertThat(node.isRunning()).isFalse();
        assertThat(node.isPaused()).isFalse();
        assertThat(node.exitCode()).hasValue(SIGKILL_EXIT_CODE);
    }

    @Test
    void stopOfAPausedNodeResumesItSoThatSigtermArrives() {
        LocalNode node = node();
        node.start(SLEEPER, "sleeper", Map.of());
        node.pause();

        assertThat(node.stop()).isEqualTo(SIGTERM_EXIT_CODE);
        assertThat(node.isPaused()).isFalse();
    }

    @Test
    void pausingTwiceOrResumingARunningNodeIsRefused() {
        LocalNode node = node();
        node.start(SLEEPER, "sleeper", Map.of());
        assertThatThrownBy(node::resume).hasMessageContaining("not paused");
        node.pause();

        assertThatThrownBy(node::pause).hasMessageContaining("already paused");
        node.kill();
    }

    @Test
    void extraEnvironmentReachesTheProcess() {
        LocalNode node = node();
        node.start(List.of("sh", "-c", "echo extra=$TORTURE_EXTRA"), "printer", Map.of("TORTURE_EXTRA", "42"));

        awaitExit(node);

        assertThat(node.logOfCurrentRun()).containsExactly("extra=42");
    }

    @Test
    void addressesUseTheNodesHost() {
        LocalNode node = new LocalNode("n2", "127.0.1.2", 1, 2, 3, directory.resolve("n2"));

        assertThat(node.host()).isEqualTo("127.0.1.2");
        assertThat(node.raftAddress()).isEqualTo("127.0.1.2:1");
        assertThat(node.httpEndpoint()).isEqualTo("http://127.0.1.2:2");
    }

    private LocalNode node() {
        return new LocalNode("n1", LocalNode.HOST, 1, 2, 3, directory.resolve("n1"));
    }

    private static void awaitExit(LocalNode node) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !node.isRunning());
    }
}
