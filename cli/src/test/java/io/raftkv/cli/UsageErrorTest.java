package io.raftkv.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class UsageErrorTest {
    @TempDir
    Path directory;

    private static void assertUsageError(CommandRunner.Run run, String expectedMessage) {
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(expectedMessage).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().lines().count()).as("one line and a usage hint: %s", run.err()).isLessThanOrEqualTo(3);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertUsageError(CommandRunner.run("frobnicate"), "Unmatched argument at index 0: 'frobnicate'");
    }

    @Test
    void serverWithoutIdNamesTheMissingSetting() {
        assertUsageError(CommandRunner.run("server", "--peers", "n1=127.0.0.1:9081", "--data-dir",
                directory.toString(), "--http", "127.0.0.1:8081"), "missing setting --id (or environment variable RAFTKV_ID)");
    }

    @Test
    void serverWithBadHttpPortNamesTheSetting() {
        assertUsageError(CommandRunner.run("server", "--id", "n1", "--peers", "n1=127.0.0.1:9081", "--data-dir",
                directory.toString(), "--http", "127.0.0.1:80810"), "--http: port must be 1 to 65535, was 80810");
    }

    @Test
    void serverWhoseIdIsNotAmongThePeersIsRefused() {
        assertUsageError(CommandRunner.run("server", "--id", "n4", "--peers", "n1=127.0.0.1:9081,n2=127.0.0.1:9082",
                "--data-dir", directory.toString(), "--http", "127.0.0.1:8081"),
                "--id: 'n4' is not among the peers n1, n2");
    }

    @Test
    void serverWithUnreadablePeersFileNamesTheFile() {
        Path missing = directory.resolve("no-such-peers.txt");
        assertUsageError(CommandRunner.run("server", "--id", "n1", "--peers", "@" + missing, "--data-dir",
                directory.toString(), "--http", "127.0.0.1:8081"), "cannot read peers file " + missing);
    }

    @Test
    void badDurationIsAUsageError() {
        assertUsageError(CommandRunner.run("put", "k", "v", "--ttl", "10 parsecs"), "is not a duration");
    }

    @Test
    void missingArgumentIsAUsageError() {
        assertUsageError(CommandRunner.run("cas", "k"), "Missing required parameter");
    }

    @Test
    void emptyKeyIsAUsageError() {
        assertUsageError(CommandRunner.run("get", ""), "a key must not be empty");
    }

    @Test
    void bareCommandPrintsUsageAndFails() {
        CommandRunner.Run run = CommandRunner.run();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Usage: raftkv").contains("Exit codes:");
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CommandRunner.Run run = CommandRunner.run("--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("server", "dev", "get", "put", "append", "delete", "cas", "list", "status",
                "bench", "3 cluster unavailable", "RAFTKV_ENDPOINTS");
    }

    @Test
    void helpForOneCommandNamesItsOptions() {
        CommandRunner.Run helpCommand = CommandRunner.run("help", "get");
        CommandRunner.Run helpOption = CommandRunner.run("get", "--help");

        assertThat(helpCommand.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(helpCommand.out()).contains("Usage: raftkv get", "--serializable", "--endpoints");
        assertThat(helpOption).isEqualTo(helpCommand);
    }

    @Test
    void aMistypedCommandIsAUsageErrorThatSuggestsTheRightOne() {
        CommandRunner.Run run = CommandRunner.run("stauts");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("stauts").contains("status");
    }

    @Test
    void badWorkloadIsAUsageError() {
        assertUsageError(CommandRunner.run("bench", "--workload", "scan"), "--workload must be one of write, read");
    }

    @Test
    void devRefusesAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Assumptions.assumeTrue(port + DevNode.RAFT_PORT_OFFSET + 1 <= HostPort.PORT_MAX, "port too high to plan");

            assertUsageError(CommandRunner.run("dev", "--nodes", "1", "--base-port", Integer.toString(port),
                    "--data-dir", directory.toString()), "port " + port + " (HTTP port of n1) is already in use");
        }
    }

    @Test
    void devRefusesTooManyNodes() {
        assertUsageError(CommandRunner.run("dev", "--nodes", "12", "--data-dir", directory.toString()),
                "--nodes must be 1 to 9, was 12");
    }
}
