package io.raftkv.cli;

import io.raftkv.server.ClusterIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code raftkv server} on a data directory it must not use: one paragraph on stderr, no stack trace, and an exit
 * code of its own, before anything starts. (Damaged logs and databases need a real node: see the testing module.)
 */
class ServerDataDirectoryRefusalTest {
    private static final String PEERS = "n1=127.0.0.1:9081,n2=127.0.0.1:9082,n3=127.0.0.1:9083";
    /**
     * Never bound: every refusal comes before the HTTP front end starts, and a node that got that far by mistake
     * fails to bind a privileged port instead of running on.
     */
    static final String UNUSED_HTTP_ADDRESS = "127.0.0.1:1";
    private static final String OTHER_CLUSTER_ID = "1b4e28ba-2fa1-31d2-883f-0016d3cca427";

    @TempDir
    Path directory;

    private Path data() {
        return directory.resolve("data");
    }

    private CommandRunner.Run server(String... extra) {
        String[] arguments = {"server", "--id", "n1", "--peers", PEERS, "--data-dir", data().toString(), "--http",
                UNUSED_HTTP_ADDRESS};
        String[] all = new String[arguments.length + extra.length];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        System.arraycopy(extra, 0, all, arguments.length, extra.length);
        return CommandRunner.run(all);
    }

    private void identity(String clusterId, String nodeId) throws IOException {
        new ClusterIdentity(clusterId, nodeId).write(Files.createDirectories(data()));
    }

    private static void assertOneParagraphWithoutTrace(CommandRunner.Run run) {
        assertThat(run.err()).startsWith("raftkv server: the data directory ").hasLineCount(1)
                .doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anotherNodesDirectoryIsExitTen() throws IOException {
        identity(ClusterIdentity.derivedFrom(PeersParser.parse(PEERS, "--peers")), "n2");

        CommandRunner.Run run = server();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DATA_DIRECTORY_OF_ANOTHER_NODE).isEqualTo(10);
        assertOneParagraphWithoutTrace(run);
        assertThat(run.err()).contains("belongs to node n2", "not to node n1",
                "start node n1 with its own --data-dir");
    }

    @Test
    void anotherClustersDirectoryIsExitElevenAndNamesBothWaysOut() throws IOException {
        identity(OTHER_CLUSTER_ID, "n1");

        CommandRunner.Run run = server();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DATA_DIRECTORY_OF_ANOTHER_CLUSTER).isEqualTo(11);
        assertOneParagraphWithoutTrace(run);
        assertThat(run.err()).contains("belongs to cluster " + OTHER_CLUSTER_ID, "derived from --peers",
                "restart the node with the --peers the cluster was created with, or with --cluster-id "
                        + OTHER_CLUSTER_ID);
    }

    @Test
    void aClusterIdFromTheEnvironmentIsCheckedToo() throws IOException {
        identity(OTHER_CLUSTER_ID, "n1");
        String expected = ClusterIdentity.derivedFrom(PeersParser.parse(PEERS, "--peers"));

        CommandRunner.Run run = CommandRunner.runWith(Map.of("RAFTKV_CLUSTER_ID", expected), new byte[0],
                "server", "--id", "n1", "--peers", PEERS, "--data-dir", data().toString(), "--http",
                UNUSED_HTTP_ADDRESS);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DATA_DIRECTORY_OF_ANOTHER_CLUSTER);
        assertThat(run.err()).contains("was started for cluster " + expected + " (given with --cluster-id)");
    }

    @Test
    void raftFilesWithoutAnIdentityAreExitTwelve() throws IOException {
        Files.writeString(Files.createDirectories(data().resolve("raft/group/current")).resolve("log_0-9"), "x");

        CommandRunner.Run run = server();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_A_DATA_DIRECTORY).isEqualTo(12);
        assertOneParagraphWithoutTrace(run);
        assertThat(run.err()).contains("holds Raft or database files (raft/) but no raftkv-identity.properties",
                "not a raftkv data directory of this version", "replace the node: remove it from the cluster");
        assertThat(ClusterIdentity.load(data())).isEmpty();
    }

    @Test
    void aClusterIdThatIsNotAUuidIsAUsageError() {
        CommandRunner.Run run = server("--cluster-id", "production");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--cluster-id: expected a cluster id", "was 'production'");
    }
}
