package io.raftkv.testing;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node process started on a data directory it must not use exits at once with the reason's exit code and one
 * paragraph that says what to do, and following that advice brings it back: a damaged node is replaced (removed,
 * wiped, joined again), swapped directories are swapped back.
 * Identity refusals without damage are covered in the cli module's unit tests; these need real Raft and RocksDB files.
 */
@Tag("integration")
class DataDirectoryRefusalTest extends ClusterTest {
    static final int DAMAGED_RAFT_LOG_EXIT_CODE = 13;
    static final int DAMAGED_DATABASE_EXIT_CODE = 14;
    static final int DATA_DIRECTORY_OF_ANOTHER_NODE_EXIT_CODE = 10;
    static final int KEYS = 100;
    /** Large values make the log mostly entry payload, so a flipped byte lands in an entry's checksummed bytes. */
    static final int VALUE_BYTES = 1_000;
    static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    static final String REPLACE_ADVICE = "; replace the node: remove it from the cluster (raftkv member remove ID), "
            + "delete its data directory, and start it again with --join (docs/operations.md, Replace a dead node).";

    private SortedMap<Bytes, Bytes> writeLargeValues(LocalCluster cluster) {
        SortedMap<Bytes, Bytes> written = new TreeMap<>();
        for (int index = 0; index < KEYS; index++) {
            Bytes key = Bytes.utf8("large/" + index);
            Bytes value = Bytes.utf8(Integer.toString(index).repeat(VALUE_BYTES / Integer.toString(index).length()));
            Writes.put(cluster.client(), key.asUtf8().orElseThrow(), value.asUtf8().orElseThrow());
            written.put(key, value);
        }
        return written;
    }

    /** Starts the node again and waits for its process to exit on its own; returns what the run logged. */
    private static List<String> restartExpectingExit(LocalCluster cluster, String id, int exitCode) {
        cluster.restart(id);
        Poll.until("node " + id + " to exit", EXIT_TIMEOUT, () -> !cluster.node(id).isRunning(), () -> "still running");
        assertThat(cluster.node(id).exitCode()).hasValue(exitCode);
        cluster.kill(id);
        return cluster.node(id).logOfCurrentRun();
    }

    private static String refusal(List<String> log) {
        List<String> lines = log.stream().filter(line -> line.startsWith("raftkv server: ")).toList();
        assertThat(lines).as("one paragraph in %s", log).hasSize(1);
        assertThat(log).as("no stack trace").noneMatch(line -> line.startsWith("\tat "));
        return lines.getFirst();
    }

    private static Path largest(Path directory, String namePrefix) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().startsWith(namePrefix))
                    .max(Comparator.comparingLong(DataDirectoryRefusalTest::size)).orElseThrow();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** Flips one byte half-way through the file's content (the part before any trailing zeros of preallocation). */
    private static void flipByteHalfWayThroughContent(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int contentEnd = bytes.length;
        while (contentEnd > 0 && bytes[contentEnd - 1] == 0) {
            contentEnd--;
        }
        bytes[contentEnd / 2] ^= 0x5a;
        Files.write(file, bytes);
    }

    /**
     * Follows the refusal's advice: the member is removed, its directory deleted, and it comes back through --join,
     * under a new id as docs/operations.md does it, and receives every key from the leader.
     */
    private void assertReplacementHoldsEveryKey(LocalCluster cluster, String id, SortedMap<Bytes, Bytes> written) {
        String survivor = cluster.otherThan(id).getFirst();
        cluster.wipe(id);
        MembershipTest.remove(cluster, cluster.client(), id);
        String replacement = cluster.join(survivor, false);
        MembershipTest.awaitVoter(cluster.client(), replacement);
        cluster.awaitReady(STARTUP_TIMEOUT);
        Poll.until("node " + replacement + " to hold every key", CONVERGENCE_TIMEOUT, () -> cluster.http()
                .list(cluster.node(replacement), Bytes.utf8("large/"), ReadConsistency.SERIALIZABLE).values()
                .equals(written), () -> "keys missing");
    }

    @Test
    void aDamagedRaftLogIsRefusedWithExitThirteenAndTheNodeIsReplaced() throws IOException {
        LocalCluster cluster = startCluster(defaultOptions());
        String follower = cluster.otherThan(cluster.awaitLeader(ELECTION_TIMEOUT)).getFirst();
        SortedMap<Bytes, Bytes> written = writeLargeValues(cluster);
        assertThat(cluster.stop(follower)).isZero();
        flipByteHalfWayThroughContent(largest(cluster.node(follower).dataDirectory().resolve("raft"), "log_"));

        String refusal = refusal(restartExpectingExit(cluster, follower, DAMAGED_RAFT_LOG_EXIT_CODE));

        assertThat(refusal).startsWith("raftkv server: the Raft log in "
                + cluster.node(follower).dataDirectory().resolve("raft") + " is damaged: ").endsWith(REPLACE_ADVICE);
        assertReplacementHoldsEveryKey(cluster, follower, written);
    }

    @Test
    void aDamagedDatabaseIsRefusedWithExitFourteenAndTheNodeIsReplaced() throws IOException {
        LocalCluster cluster = startCluster(defaultOptions());
        String follower = cluster.otherThan(cluster.awaitLeader(ELECTION_TIMEOUT)).getFirst();
        SortedMap<Bytes, Bytes> written = writeLargeValues(cluster);
        assertThat(cluster.stop(follower)).isZero();
        flipByteHalfWayThroughContent(largest(cluster.node(follower).dataDirectory().resolve("db"), "MANIFEST-"));

        String refusal = refusal(restartExpectingExit(cluster, follower, DAMAGED_DATABASE_EXIT_CODE));

        assertThat(refusal).startsWith("raftkv server: the database in "
                + cluster.node(follower).dataDirectory().resolve("db") + " is damaged: ").endsWith(REPLACE_ADVICE);
        assertReplacementHoldsEveryKey(cluster, follower, written);
    }

    @Test
    void swappedDataDirectoriesAreRefusedWithExitTenAndWorkOnceSwappedBack() throws IOException {
        LocalCluster cluster = startCluster(defaultOptions());
        List<String> followers = cluster.otherThan(cluster.awaitLeader(ELECTION_TIMEOUT));
        SortedMap<Bytes, Bytes> written = Writes.putAll(cluster.client(), "swapped/", 20);
        String first = followers.get(0);
        String second = followers.get(1);
        cluster.stop(first);
        cluster.stop(second);
        swap(cluster.node(first).dataDirectory(), cluster.node(second).dataDirectory());

        String refusal = refusal(restartExpectingExit(cluster, first, DATA_DIRECTORY_OF_ANOTHER_NODE_EXIT_CODE));

        assertThat(refusal).contains("belongs to node " + second, "not to node " + first);
        swap(cluster.node(first).dataDirectory(), cluster.node(second).dataDirectory());
        cluster.restart(first);
        cluster.restart(second);
        cluster.awaitReady(STARTUP_TIMEOUT);
        assertThat(cluster.http().list(cluster.node(first), Bytes.utf8("swapped/"), ReadConsistency.LINEARIZABLE)
                .values()).isEqualTo(written);
    }

    private static void swap(Path one, Path other) throws IOException {
        Path aside = one.resolveSibling(one.getFileName() + ".swapping");
        Files.move(one, aside);
        Files.move(other, one);
        Files.move(aside, other);
    }
}
