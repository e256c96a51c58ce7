package io.raftkv.server;

import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.command.Put;
import io.raftkv.server.DataDirectoryRefusedException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A single node in this JVM, stopped, its files damaged, started again: damage is refused with a clear reason, while
 * a partial last entry (what a crash mid-write leaves) is not damage.
 */
@Tag("integration")
class DataDirectorySafetyTest {
    /** With 1 KiB values this rolls a few log segments and takes one snapshot, so closed segments stay on disk. */
    private static final int WRITES = 700;
    private static final long SNAPSHOT_EVERY_ENTRIES = 1_000;
    private static final Duration READY_WAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private final List<RaftKvNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(RaftKvNode::close);
    }

    private NodeConfig config() throws IOException {
        List<NodeConfig.Peer> peers = List.of(new NodeConfig.Peer("n1", "127.0.0.1", freePort()));
        return NodeConfig.bootstrap("n1", peers, directory.resolve("data"), NodeConfig.StorageKind.ROCKSDB,
                Limits.DEFAULT, SNAPSHOT_EVERY_ENTRIES, 300, 5_000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private RaftKvNode startReady(NodeConfig config) throws IOException {
        RaftKvNode node = RaftKvNode.start(config);
        nodes.add(node);
        await().atMost(READY_WAIT).until(() -> node.status().ready());
        return node;
    }

    private void writeAndStop(NodeConfig config) throws Exception {
        RaftKvNode node = startReady(config);
        for (int index = 0; index < WRITES; index++) {
            node.write(Put.of(Bytes.utf8("key-" + index), Bytes.utf8("v".repeat(1_000))), Optional.empty()).get();
        }
        node.close();
        nodes.remove(node);
    }

    /** Closed segments first ({@code log_A-B}), the open one ({@code log_inprogress_A}) last. */
    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.walk(directory.resolve("data/raft"))) {
            return files.filter(file -> file.getFileName().toString().startsWith("log_"))
                    .sorted(Comparator.comparing(file -> file.getFileName().toString().contains("inprogress")))
                    .toList();
        }
    }

    private Path closedSegment() throws IOException {
        List<Path> segments = segments();
        assertThat(segments).as("a closed and an open segment").hasSizeGreaterThanOrEqualTo(2);
        return segments.getFirst();
    }

    private Path openSegment() throws IOException {
        Path open = segments().getLast();
        assertThat(open.getFileName().toString()).contains("inprogress");
        return open;
    }

    private static void flipByteAt(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x5a;
        Files.write(file, bytes);
    }

    private static void cutInHalf(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        // An odd cut lands inside an entry rather than between two.
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2 + 7));
    }

    private void assertRefusedAsDamagedLog(NodeConfig config) {
        assertThatThrownBy(() -> RaftKvNode.start(config))
                .isInstanceOfSatisfying(DataDirectoryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.DAMAGED_RAFT_LOG))
                .hasMessageStartingWith("the Raft log in " + directory.resolve("data/raft") + " is damaged: ")
                .hasMessageEndingWith("; replace the node: remove it from the cluster (raftkv member remove ID), "
                        + "delete its data directory, and start it again with --join "
                        + "(docs/operations.md, Replace a dead node).");
    }

    @Test
    void aRestartedNodeKeepsItsClusterIdAndData() throws Exception {
        NodeConfig config = config();
        writeAndStop(config);

        RaftKvNode node = startReady(config);

        assertThat(node.status().clusterId()).isEqualTo(ClusterIdentity.derivedFrom(config.peers()));
        assertThat(node.groupId().getUuid().toString()).isEqualTo(node.status().clusterId());
        assertThat(node.status().revision()).isEqualTo(WRITES);
    }

    @Test
    void aFlippedByteInAClosedSegmentIsRefused() throws Exception {
        NodeConfig config = config();
        writeAndStop(config);
        Path closed = closedSegment();
        flipByteAt(closed, (int) (Files.size(closed) / 2));

        assertRefusedAsDamagedLog(config);
    }

    @Test
    void aClosedSegmentCutShortIsRefused() throws Exception {
        NodeConfig config = config();
        writeAndStop(config);
        cutInHalf(closedSegment());

        assertRefusedAsDamagedLog(config);
    }

    @Test
    void aFlippedByteInTheOpenSegmentIsRefused() throws Exception {
        NodeConfig config = config();
        writeAndStop(config);
        Path open = openSegment();
        flipByteAt(open, (int) (Files.size(open) / 2));

        assertRefusedAsDamagedLog(config);
    }

    @Test
    void aPartialLastEntryAsACrashLeavesItStillStarts() throws Exception {
        NodeConfig config = config();
        writeAndStop(config);
        cutInHalf(openSegment());

        RaftKvNode node = startReady(config);

        assertThat(node.status().revision()).as("the database already held every entry").isEqualTo(WRITES);
    }

    @Test
    void aRefusedStartLeavesNothingOpenSoTheRepairedDirectoryStarts() throws Exception {
        NodeConfig config = config();
        writeAndStop(config);
        Path open = openSegment();
        byte[] intact = Files.readAllBytes(open);
        flipByteAt(open, intact.length / 2);
        assertRefusedAsDamagedLog(config);

        Files.write(open, intact);

        assertThat(startReady(config).status().revision()).isEqualTo(WRITES);
    }

    @Test
    void aDamagedDatabaseIsRefused() throws Exception {
        NodeConfig config = config();
        writeAndStop(config);
        Path manifest;
        try (Stream<Path> files = Files.list(directory.resolve("data/db"))) {
            manifest = files.filter(file -> file.getFileName().toString().startsWith("MANIFEST-")).findFirst()
                    .orElseThrow();
        }
        flipByteAt(manifest, (int) (Files.size(manifest) / 2));

        assertThatThrownBy(() -> RaftKvNode.start(config))
                .isInstanceOfSatisfying(DataDirectoryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.DAMAGED_DATABASE))
                .hasMessageStartingWith("the database in " + directory.resolve("data/db") + " is damaged: ")
                .hasMessageEndingWith("; replace the node: remove it from the cluster (raftkv member remove ID), "
                        + "delete its data directory, and start it again with --join "
                        + "(docs/operations.md, Replace a dead node).");
    }
}
