package io.raftkv.cli;

import io.raftkv.core.Bytes;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.server.ClusterIdentity;
import io.raftkv.statemachine.KvStateMachine;
import io.raftkv.storage.memory.MemoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotRestoreCommandTest {
    private static final String PEERS = "n1=127.0.0.1:9081,n2=127.0.0.1:9082,n3=127.0.0.1:9083";

    @TempDir
    Path directory;

    /** Two puts in entries 1 and 2 of term 3: revision 2. */
    private Path snapshotWithTwoKeys() throws IOException {
        KvStateMachine machine = new KvStateMachine(MemoryStorage.create(),
                KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
        machine.apply(1, 3, new LogEntry(1_000, List.of(Request.of(Put.of(Bytes.utf8("a"), Bytes.utf8("1"))))));
        machine.apply(2, 3, new LogEntry(2_000, List.of(Request.of(Put.of(Bytes.utf8("b"), Bytes.utf8("2"))))));
        Path file = directory.resolve("backup.snapshot");
        try (OutputStream out = Files.newOutputStream(file)) {
            machine.storage().writeSnapshot(out);
        }
        return file;
    }

    private static String derivedClusterId() {
        return ClusterIdentity.derivedFrom(PeersParser.parse(PEERS, "--peers"));
    }

    @Test
    void restoresIntoAnEmptyDirectoryWithTheIdentityDerivedFromThePeers() throws IOException {
        Path file = snapshotWithTwoKeys();
        Path data = directory.resolve("n2-data");

        CommandRunner.Run run = CommandRunner.run("snapshot", "restore", file.toString(), "--data-dir",
                data.toString(), "--id", "n2", "--peers", PEERS);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ClusterIdentity.load(data)).contains(new ClusterIdentity(derivedClusterId(), "n2"));
        assertThat(data.resolve("db")).isDirectory();
        assertThat(run.out()).contains("revision       2 (new writes get higher revisions)\n", "keys           2\n",
                "cluster id     " + derivedClusterId() + " (derived from --peers",
                "raftkv server --id n2 --peers " + PEERS + " --data-dir " + data.toAbsolutePath());
    }

    @Test
    void everyNodeRestoredWithTheSamePeersGetsTheSameClusterId() throws IOException {
        Path file = snapshotWithTwoKeys();
        for (String id : List.of("n1", "n3")) {
            CommandRunner.Run run = CommandRunner.run("snapshot", "restore", file.toString(), "--data-dir",
                    directory.resolve(id).toString(), "--id", id, "--peers", PEERS);
            assertThat(run.exitCode()).as(run.err()).isZero();
        }

        assertThat(ClusterIdentity.load(directory.resolve("n1")).orElseThrow().clusterId())
                .isEqualTo(ClusterIdentity.load(directory.resolve("n3")).orElseThrow().clusterId())
                .isEqualTo(derivedClusterId());
    }

    /** picocli would expand "@FILE" into one argument per line before the option saw it; we read the file ourselves. */
    @Test
    void peersCanComeFromAFileGivenAsAtFile() throws IOException {
        Path file = snapshotWithTwoKeys();
        Path peers = Files.writeString(directory.resolve("peers.txt"),
                "# the members\n" + PEERS.replace(',', '\n') + "\n");
        Path data = directory.resolve("n3-data");

        CommandRunner.Run run = CommandRunner.run("snapshot", "restore", file.toString(), "--data-dir",
                data.toString(), "--id", "n3", "--peers", "@" + peers);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ClusterIdentity.load(data)).contains(new ClusterIdentity(derivedClusterId(), "n3"));
    }

    @Test
    void aDataDirectoryThatIsNotEmptyIsExitTwoAndLeftAlone() throws IOException {
        Path file = snapshotWithTwoKeys();
        Path data = Files.createDirectories(directory.resolve("data"));
        Files.writeString(data.resolve("keep-me"), "x");

        CommandRunner.Run run = CommandRunner.run("snapshot", "restore", file.toString(), "--data-dir",
                data.toString(), "--id", "n1", "--peers", PEERS);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("is not empty; a snapshot is only restored into a new, empty data directory");
        try (var files = Files.list(data)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("keep-me");
        }
    }

    @Test
    void aTruncatedSnapshotIsExitSixAndRestoresNothing() throws IOException {
        Path file = snapshotWithTwoKeys();
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        Path data = directory.resolve("data");

        CommandRunner.Run run = CommandRunner.run("snapshot", "restore", file.toString(), "--data-dir",
                data.toString(), "--id", "n1", "--peers", PEERS);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CORRUPT_FILE);
        assertThat(run.err()).contains("is not an intact raftkv snapshot", "truncated", "nothing was restored")
                .hasLineCount(1);
        assertThat(data).doesNotExist();
    }

    @Test
    void anIdNotAmongThePeersIsExitTwo() throws IOException {
        Path file = snapshotWithTwoKeys();

        CommandRunner.Run run = CommandRunner.run("snapshot", "restore", file.toString(), "--data-dir",
                directory.resolve("data").toString(), "--id", "n9", "--peers", PEERS);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'n9' is not among the peers n1, n2, n3");
    }

    @Test
    void aRestoredDirectoryBelongsToTheNodeItWasRestoredFor() throws IOException {
        Path file = snapshotWithTwoKeys();
        Path data = directory.resolve("data");
        CommandRunner.run("snapshot", "restore", file.toString(), "--data-dir", data.toString(), "--id", "n1",
                "--peers", PEERS);

        CommandRunner.Run wrongNode = CommandRunner.run("server", "--id", "n2", "--peers", PEERS, "--data-dir",
                data.toString(), "--http", ServerDataDirectoryRefusalTest.UNUSED_HTTP_ADDRESS);

        assertThat(wrongNode.exitCode()).as("the identity names n1")
                .isEqualTo(ExitCodes.DATA_DIRECTORY_OF_ANOTHER_NODE);
    }
}
