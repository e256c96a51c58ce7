package io.raftkv.testing;

import io.raftkv.core.Bytes;
import io.raftkv.statemachine.SnapshotInspector;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.SnapshotFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code raftkv snapshot save} from a live 3-node cluster under write load, run in a JVM of its own as an operator
 * would, from a follower first: the file is intact and holds every write acknowledged before the save started.
 * Only keys are compared: DATA values are stored records (value plus metadata) whose decoding is internal to the
 * state machine.
 */
@Tag("integration")
class SnapshotSaveTest extends ClusterTest {
    static final int WRITER_COUNT = 4;
    /** Writes acknowledged before the save, so the snapshot has something to prove. */
    static final int ACKNOWLEDGED_BEFORE_SAVE_MIN = 200;
    static final Duration WRITES_TIMEOUT = Duration.ofSeconds(20);
    /** A JVM start plus the download, on a loaded machine. */
    static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    static final String PREFIX = "backup/";

    @Test
    void savedSnapshotIsIntactAndHoldsEveryWriteAcknowledgedBeforeTheSave() throws Exception {
        LocalCluster cluster = startCluster(defaultOptions());
        String leader = cluster.awaitLeader(ELECTION_TIMEOUT);
        Path file = baseDirectory.resolve("backup.snap");
        Set<Bytes> acknowledgedBeforeSave;
        WriteLoad load = WriteLoad.start(cluster.client(), PREFIX, WRITER_COUNT);
        try (load) {
            await("writes acknowledged").atMost(WRITES_TIMEOUT)
                    .until(() -> load.acknowledgedCount() >= ACKNOWLEDGED_BEFORE_SAVE_MIN);
            acknowledgedBeforeSave = load.acknowledged().keySet();
            saveThroughTheCli(followersFirst(cluster, leader), file);
            load.stop();
        }

        SnapshotInspector.Status status = SnapshotInspector.inspect(file, bytes -> { });
        assertThat(status.summary().checksumValid()).isTrue();
        assertThat(status.liveKeys()).isGreaterThanOrEqualTo(acknowledgedBeforeSave.size());
        assertThat(dataKeys(file)).containsAll(acknowledgedBeforeSave);
        assertThat(load.attempted().keySet()).containsAll(dataKeys(file));
        assertThat(baseDirectory.resolve("backup.snap.part")).doesNotExist();
    }

    /** A follower answers first, so the save relies on the barrier to catch up with the leader. */
    private static List<String> followersFirst(LocalCluster cluster, String leader) {
        List<String> followers = cluster.otherThan(leader).stream().map(cluster::httpEndpoint).toList();
        return Stream.concat(followers.stream(), Stream.of(cluster.httpEndpoint(leader))).toList();
    }

    private static Set<Bytes> dataKeys(Path file) throws IOException {
        Set<Bytes> keys = new HashSet<>();
        try (InputStream in = Files.newInputStream(file)) {
            SnapshotFormat.read(in, (keyspace, key, value) -> {
                if (keyspace == Keyspace.DATA) {
                    keys.add(key);
                }
            });
        }
        return keys;
    }

    /** Runs {@code raftkv snapshot save FILE} in a JVM of its own and checks that it succeeded. */
    private void saveThroughTheCli(List<String> endpoints, Path file) throws IOException, InterruptedException {
        Path output = baseDirectory.resolve("snapshot-save.out");
        Path errors = baseDirectory.resolve("snapshot-save.err");
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java binary runs this JVM"));
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                LocalCluster.MAIN_CLASS, "snapshot", "save", file.toString(), "--endpoints",
                String.join(",", endpoints)))
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!process.waitFor(CLI_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("raftkv snapshot save did not finish within " + CLI_TIMEOUT);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        String reported = Files.readString(errors, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code; stderr: %s", reported).isZero();
        assertThat(printed).contains("revision", "applied index", "keys", "size", "(valid)");
    }
}
