package io.raftkv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.raftkv.client.RaftKvClient;
import io.raftkv.client.RaftKvNoSpaceException;
import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.QueryResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * One follower's data directory is a small tmpfs. A ballast file brings its free space near the node's reserve, a
 * bounded write load pushes it below: the cluster refuses writes with the clear NO_SPACE error, every node (the full
 * one too) stays up and keeps answering reads. Deleting the ballast makes writes resume by themselves, the full node
 * catches up, and it restarts cleanly with the same data.
 *
 * <p>Mounting a tmpfs needs root (or CAP_SYS_ADMIN); without it the test fails and says so rather than skipping.
 */
@Tag("integration")
class DiskFullTest extends ClusterTest {
    static final String FULL_NODE = "n3";
    static final long MEBIBYTE = 1024 * 1024;
    /** Room for the node's Raft log segments (up to 8 MiB each, preallocated), RocksDB and the ballast. */
    static final long TMPFS_BYTES = 128 * MEBIBYTE;
    static final long RESERVE_BYTES = 32 * MEBIBYTE;
    /** Free space left above the reserve once the ballast is in place: a few writes' worth. */
    static final long HEADROOM_BYTES = 4 * MEBIBYTE;
    static final int BALLAST_CHUNK_BYTES = 1024 * 1024;
    static final int VALUE_BYTES = 64 * 1024;
    /** 64 MiB of values: far more than the headroom, so the load must meet the alarm well before it ends. */
    static final int WRITES_MAX = 1_000;
    static final int WRITES_AFTER_RECOVERY = 20;
    /** The guard polls every 250 ms and the alarm is one Raft round; this leaves room for a loaded machine. */
    static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(30);
    static final String PREFIX = "disk/";

    @Test
    void aFullDiskRefusesWritesKeepsReadsAndRecoversOnceSpaceIsFreed() throws Exception {
        withSmallDisk(RESERVE_BYTES / MEBIBYTE + "MiB", this::runScenario);
    }

    /**
     * With the guard off, the disk fills to the last byte and Ratis can no longer write the node's log. The node must
     * stop loudly (exit 71, one line saying why and what to do) instead of staying up with a replica that no longer
     * moves; the other two keep the quorum and every acknowledged write, and once space is freed it starts again.
     */
    @Test
    void aDiskFullToTheLastByteStopsTheNodeLoudlyAndTheOthersKeepEveryWrite() throws Exception {
        withSmallDisk("0", (cluster, fullData) -> {
            RaftKvClient client = cluster.client();
            List<String> acknowledged = new ArrayList<>();
            write(client, "before", acknowledged);
            Path ballast = fillUpTo(fullData, HEADROOM_BYTES);

            for (int index = 0; index < WRITES_MAX && cluster.node(FULL_NODE).isRunning(); index++) {
                write(client, "unguarded-" + index, acknowledged);
            }

            Poll.until("node " + FULL_NODE + " to stop", RECOVERY_TIMEOUT,
                    () -> !cluster.node(FULL_NODE).isRunning(), () -> "still running");
            assertThat(cluster.node(FULL_NODE).exitCode()).as("exit code of a node that failed").hasValue(71);
            assertThat(cluster.node(FULL_NODE).logOfCurrentRun()).anyMatch(line ->
                    line.startsWith("raftkv: node " + FULL_NODE + " stopped: writing the Raft log failed")
                            && line.contains("Free space on (or repair) the data directory's disk"));
            write(client, "while-stopped", acknowledged);

            Files.delete(ballast);
            cluster.restart(FULL_NODE);
            cluster.awaitReady(STARTUP_TIMEOUT);
            write(client, "after-restart", acknowledged);
            awaitSameDataEverywhere(cluster, acknowledged);
        });
    }

    /** What a test does with a running cluster whose node {@link #FULL_NODE} has its data on a small tmpfs. */
    private interface SmallDiskScenario {
        void run(LocalCluster cluster, Path fullData) throws Exception;
    }

    /** Runs a scenario on a cluster whose {@link #FULL_NODE}, a follower, keeps its data on a small tmpfs. */
    private void withSmallDisk(String diskReserve, SmallDiskScenario scenario) throws Exception {
        Path fullData = baseDirectory.resolve(FULL_NODE).resolve("data");
        Files.createDirectories(fullData);
        mountTmpfs(fullData);
        try {
            LocalCluster cluster = startCluster(defaultOptions().withNodeEnvironment(id -> id.equals(FULL_NODE)
                    ? Map.of("RAFTKV_DISK_RESERVE", diskReserve) : Map.of()));
            if (cluster.awaitLeader(ELECTION_TIMEOUT).equals(FULL_NODE)) {
                // The node with the small disk is meant to be a follower, as a node that falls behind would be.
                cluster.client().transferLeadership(cluster.otherThan(FULL_NODE).getFirst());
            }
            scenario.run(cluster, fullData);
        } finally {
            // The node must be gone before its file system can be unmounted, even when the cluster never got ready.
            clusters().forEach(LocalCluster::close);
            unmount(fullData);
        }
    }

    private void runScenario(LocalCluster cluster, Path fullData) throws Exception {
        RaftKvClient client = cluster.client();
        List<String> acknowledged = new ArrayList<>();
        write(client, "before", acknowledged);
        Path ballast = fillUpTo(fullData, RESERVE_BYTES + HEADROOM_BYTES);

        RaftKvNoSpaceException refusal = writeUntilRefused(client, acknowledged);
        assertThat(refusal.getMessage()).contains("writes refused: node " + FULL_NODE + " has ",
                "free on " + fullData, "below its 32 MiB reserve (--disk-reserve)", "writes resume by themselves",
                "reads still work");
        assertRefusedOverHttpEverywhere(cluster);
        assertThat(cluster.node(FULL_NODE).isRunning()).as("the full node is still up").isTrue();
        assertReadsWorkEverywhere(cluster, acknowledged);
        assertAlarmReported(cluster, true);

        Files.delete(ballast);
        await("writes to resume by themselves").atMost(RECOVERY_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> tryWrite(client, "resumed", acknowledged));
        for (int index = 0; index < WRITES_AFTER_RECOVERY; index++) {
            write(client, "after-" + index, acknowledged);
        }
        assertAlarmReported(cluster, false);
        SortedMap<Bytes, Bytes> converged = awaitSameDataEverywhere(cluster, acknowledged);
        assertThat(cluster.node(FULL_NODE).logOfCurrentRun())
                .anyMatch(line -> line.contains("NO_SPACE alarm raised"))
                .anyMatch(line -> line.contains("NO_SPACE alarm cleared"));

        assertThat(cluster.stop(FULL_NODE)).as("exit code of a clean stop").isZero();
        cluster.restart(FULL_NODE);
        cluster.awaitReady(STARTUP_TIMEOUT);
        write(client, "after-restart", acknowledged);
        assertThat(awaitSameDataEverywhere(cluster, acknowledged)).containsAllEntriesOf(converged);
    }

    /** Fills the file system until {@code freeBytesGoal} is left, in one file that the test deletes later. */
    private static Path fillUpTo(Path directory, long freeBytesGoal) throws IOException {
        Path ballast = directory.resolve("ballast");
        long ballastBytes = Files.getFileStore(directory).getUsableSpace() - freeBytesGoal;
        assertThat(ballastBytes).as("room for a ballast on the tmpfs").isPositive();
        byte[] chunk = new byte[BALLAST_CHUNK_BYTES];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            for (long written = 0; written < ballastBytes; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, ballastBytes - written));
            }
        }
        return ballast;
    }

    private static RaftKvNoSpaceException writeUntilRefused(RaftKvClient client, List<String> acknowledged) {
        for (int index = 0; index < WRITES_MAX; index++) {
            String key = PREFIX + "load-" + index;
            try {
                assertThat(client.put(Bytes.utf8(key), value(key))).isInstanceOf(Result.Written.class);
                acknowledged.add(key);
            } catch (RaftKvNoSpaceException refused) {
                return refused;
            }
        }
        return fail("%d writes of %d bytes were all accepted: the disk guard never refused one", WRITES_MAX,
                VALUE_BYTES);
    }

    private static void assertRefusedOverHttpEverywhere(LocalCluster cluster) {
        for (String node : cluster.nodeIds()) {
            HttpRequest put = cluster.http().request(cluster.node(node), "/v1/kv/" + PREFIX + "refused")
                    .PUT(HttpRequest.BodyPublishers.ofString("v")).build();
            await("node " + node + " refuses writes").atMost(RECOVERY_TIMEOUT).until(() ->
                    cluster.http().send(put).statusCode() == 507);
            HttpResponse<byte[]> response = cluster.http().send(put);
            JsonNode body = NodeHttp.parse(response.body());
            assertThat(body.path("error").asText()).isEqualTo("no_space");
            assertThat(body.path("message").asText()).contains("node " + FULL_NODE, "--disk-reserve");
        }
    }

    /** Both kinds of read, from every node, the full one included. */
    private static void assertReadsWorkEverywhere(LocalCluster cluster, List<String> acknowledged) {
        String key = acknowledged.getLast();
        for (String node : cluster.nodeIds()) {
            for (ReadConsistency consistency : ReadConsistency.values()) {
                QueryResult result = cluster.client(node).get(Bytes.utf8(key), consistency);
                assertThat(result).as("%s read of %s on %s", consistency, key, node)
                        .isInstanceOfSatisfying(QueryResult.Found.class,
                                found -> assertThat(found.keyValue().value()).isEqualTo(value(key)));
            }
            assertThat(cluster.http().list(cluster.node(node), Bytes.utf8(PREFIX), ReadConsistency.LINEARIZABLE)
                    .values().keySet()).containsAll(acknowledged.stream().map(Bytes::utf8).toList());
        }
    }

    /** {@code /v1/cluster} on every node lists the full node's alarm while it is active, and nothing after. */
    private static void assertAlarmReported(LocalCluster cluster, boolean active) {
        for (String node : cluster.nodeIds()) {
            await("alarm shown on " + node).atMost(RECOVERY_TIMEOUT).untilAsserted(() -> {
                JsonNode alarms = NodeHttp.parse(cluster.http().get(cluster.node(node), "/v1/cluster").body())
                        .path("alarms");
                if (active) {
                    assertThat(alarms).hasSize(1);
                    assertThat(alarms.get(0).path("kind").asText()).isEqualTo("NO_SPACE");
                    assertThat(alarms.get(0).path("node").asText()).isEqualTo(FULL_NODE);
                    assertThat(alarms.get(0).path("reserveBytes").asLong()).isEqualTo(RESERVE_BYTES);
                } else {
                    assertThat(alarms).isEmpty();
                }
            });
        }
    }

    /** Every node ends at the same revision with the same keys and values, holding every acknowledged write. */
    private static SortedMap<Bytes, Bytes> awaitSameDataEverywhere(LocalCluster cluster, List<String> acknowledged) {
        String leader = cluster.awaitLeader(ELECTION_TIMEOUT);
        Listing reference = cluster.http().list(cluster.node(leader), Bytes.utf8(PREFIX), ReadConsistency.LINEARIZABLE);
        assertThat(reference.values().keySet()).containsAll(acknowledged.stream().map(Bytes::utf8).toList());
        for (String node : cluster.nodeIds()) {
            await("node " + node + " has caught up").atMost(CONVERGENCE_TIMEOUT).untilAsserted(() -> {
                assertThat(cluster.view(node).map(NodeView::revision)).contains(reference.revision());
                assertThat(cluster.http().list(cluster.node(node), Bytes.utf8(PREFIX), ReadConsistency.SERIALIZABLE)
                        .values()).isEqualTo(reference.values());
            });
        }
        return reference.values();
    }

    private static void write(RaftKvClient client, String name, List<String> acknowledged) {
        String key = PREFIX + name;
        assertThat(client.put(Bytes.utf8(key), value(key))).isInstanceOf(Result.Written.class);
        acknowledged.add(key);
    }

    /** One write attempt while waiting for the cluster to take writes again: refused is an expected answer. */
    private static boolean tryWrite(RaftKvClient client, String name, List<String> acknowledged) {
        try {
            write(client, name, acknowledged);
            return true;
        } catch (RaftKvNoSpaceException stillRefused) {
            return false;
        }
    }

    /** A value of {@link #VALUE_BYTES} that starts with its key, so a mixed-up value is caught. */
    private static Bytes value(String key) {
        byte[] value = new byte[VALUE_BYTES];
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(keyBytes, 0, value, 0, keyBytes.length);
        return Bytes.wrap(value);
    }

    private static void mountTmpfs(Path directory) throws IOException, InterruptedException {
        Optional<String> failure = runCommand(List.of("mount", "-t", "tmpfs", "-o",
                "size=" + TMPFS_BYTES / MEBIBYTE + "m", "tmpfs", directory.toString()));
        failure.ifPresent(reason -> fail("this test gives one node a small disk by mounting a tmpfs at %s, which "
                + "needs root or CAP_SYS_ADMIN, and the mount failed: %s", directory, reason));
    }

    private static void unmount(Path directory) throws IOException, InterruptedException {
        Optional<String> failure = runCommand(List.of("umount", directory.toString()));
        failure.ifPresent(reason -> fail("could not unmount the tmpfs at %s: %s", directory, reason));
    }

    /** Empty when the command succeeded, else what it printed and its exit code. */
    private static Optional<String> runCommand(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(MOUNT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return Optional.of(String.join(" ", command) + " did not finish within " + MOUNT_TIMEOUT);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return process.exitValue() == 0 ? Optional.empty()
                : Optional.of(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output);
    }
}
