package io.raftkv.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        node.start(SLEEPER, "sleeper");
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
        node.start(SLEEPER, "sleeper");

        assertThat(node.stop()).isEqualTo(SIGTERM_EXIT_CODE);
        assertThat(node.crashed()).isFalse();
    }

    @Test
    void processThatEndsOnItsOwnIsACrash() {
        LocalNode node = node();
        node.start(List.of("sh", "-c", "exit 3"), "quitter");

        awaitExit(node);

        assertThat(node.crashed()).isTrue();
        assertThat(node.exitCode()).hasValue(3);
    }

    @Test
    void startingARunningNodeIsRefused() {
        LocalNode node = node();
        node.start(SLEEPER, "sleeper");

        assertThatThrownBy(() -> node.start(SLEEPER, "second sleeper")).hasMessageContaining("already running");
        node.kill();
    }

    @Test
    void wipeDeletesTheDataButKeepsTheLog() throws IOException {
        LocalNode node = node();
        node.start(SLEEPER, "sleeper");
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
        node.start(List.of("sh", "-c", "echo first run"), "first");
        awaitExit(node);
        node.start(List.of("sh", "-c", "echo second run"), "second");
        awaitExit(node);

        assertThat(node.logOfCurrentRun()).containsExactly("second run");
    }

    private LocalNode node() {
        return new LocalNode("n1", 1, 2, directory.resolve("n1"));
    }

    private static void awaitExit(LocalNode node) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !node.isRunning());
    }
}
