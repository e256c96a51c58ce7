package io.raftkv.server;

import io.raftkv.api.NodeStatus;
import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.Announce;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Get;
import io.raftkv.core.query.QueryResult;
import io.raftkv.statemachine.KvStateMachine;
import io.raftkv.storage.SnapshotCorruptException;
import io.raftkv.storage.memory.MemoryStorage;
import io.raftkv.storage.rocksdb.RocksDbStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Restoring a snapshot into an empty data directory, and starting a node of a new cluster on it. */
class SnapshotRestoreTest {
    private static final int KEYS = 20;

    @TempDir
    Path directory;

    private final List<RaftKvNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(RaftKvNode::close);
    }

    /** An old cluster's store at applied index 22: twenty keys (revision 20), an announced member, one more entry. */
    private static byte[] oldClusterSnapshot() throws IOException {
        KvStateMachine machine = new KvStateMachine(MemoryStorage.create(), 1_000);
        long index = 0;
        for (int key = 0; key < KEYS; key++) {
            machine.apply(++index, 7, new LogEntry(1_000 + key,
                    List.of(Request.of(Put.of(Bytes.utf8("key-" + key), Bytes.utf8("value-" + key))))));
        }
        machine.apply(++index, 7, new LogEntry(5_000, List.of(Request.of(new Announce("old", "10.0.0.1:8081")))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        machine.storage().writeSnapshot(out);
        return out.toByteArray();
    }

    private static List<NodeConfig.Peer> peers(int port) {
        return List.of(new NodeConfig.Peer("n1", "127.0.0.1", port));
    }

    @Test
    void theRestoredStoreKeepsItsRevisionAtAFreshPositionWithTheDerivedIdentity() throws IOException {
        Path data = directory.resolve("data");

        SnapshotRestore.Restored restored = SnapshotRestore.restore(new ByteArrayInputStream(oldClusterSnapshot()),
                data, "n1", peers(9081));

        assertThat(restored.identity()).isEqualTo(new ClusterIdentity(ClusterIdentity.derivedFrom(peers(9081)), "n1"));
        assertThat(ClusterIdentity.load(data)).contains(restored.identity());
        assertThat(restored.rebased().revision()).isEqualTo(KEYS);
        assertThat(restored.rebased().metaRecordsDropped()).as("the old member's address").isEqualTo(1);
        try (RocksDbStorage storage = RocksDbStorage.open(data.resolve("db"))) {
            KvStateMachine machine = new KvStateMachine(storage, 1_000);
            assertThat(machine.appliedIndex()).isZero();
            assertThat(machine.revision()).isEqualTo(KEYS);
            assertThat(machine.clusterTimeMillis()).isEqualTo(5_000);
        }
    }

    @Test
    void aDamagedSnapshotLeavesTheDirectoryEmpty() throws IOException {
        Path data = directory.resolve("data");
        byte[] damaged = oldClusterSnapshot();
        damaged[damaged.length / 2] ^= 0x01;

        assertThatThrownBy(() -> SnapshotRestore.restore(new ByteArrayInputStream(damaged), data, "n1",
                peers(9081))).isInstanceOf(SnapshotCorruptException.class);

        assertThat(SnapshotRestore.isAbsentOrEmpty(data)).isTrue();
    }

    @Test
    void aDirectoryWithAnythingInItIsNotEmpty() throws IOException {
        Path data = Files.createDirectories(directory.resolve("data"));
        assertThat(SnapshotRestore.isAbsentOrEmpty(data)).isTrue();

        Files.writeString(data.resolve("stray"), "x");

        assertThat(SnapshotRestore.isAbsentOrEmpty(data)).isFalse();
        assertThat(SnapshotRestore.isAbsentOrEmpty(data.resolve("stray"))).as("a file").isFalse();
        assertThat(SnapshotRestore.isAbsentOrEmpty(directory.resolve("absent"))).isTrue();
    }

    @Test
    @Tag("integration")
    void aNodeStartedOnTheRestoredDirectoryServesTheDataAndWritesAboveTheSnapshotsRevision() throws Exception {
        int port = freePort();
        Path data = directory.resolve("data");
        SnapshotRestore.restore(new ByteArrayInputStream(oldClusterSnapshot()), data, "n1", peers(port));
        NodeConfig config = NodeConfig.bootstrap("n1", peers(port), data, NodeConfig.StorageKind.ROCKSDB,
                Limits.DEFAULT, 1_000, 300, 5_000);

        RaftKvNode node = RaftKvNode.start(config);
        nodes.add(node);
        await().atMost(Duration.ofSeconds(20)).until(() -> node.status().ready());

        assertThat(node.status().clusterId()).isEqualTo(ClusterIdentity.derivedFrom(peers(port)));
        QueryResult read = node.read(new Get(Bytes.utf8("key-7")), ReadConsistency.LINEARIZABLE).get();
        assertThat(read).isInstanceOfSatisfying(QueryResult.Found.class, found -> {
            assertThat(found.keyValue().value()).isEqualTo(Bytes.utf8("value-7"));
            assertThat(found.keyValue().metadata().modRevision()).isEqualTo(8);
        });
        Result written = node.write(Put.of(Bytes.utf8("new"), Bytes.utf8("x")), Optional.empty()).get();
        assertThat(written).isInstanceOfSatisfying(Result.Written.class,
                result -> assertThat(result.metadata().modRevision()).isEqualTo(KEYS + 1));
        assertThat(node.status().members()).extracting(NodeStatus.Member::id).containsExactly("n1");
        assertThat(node.status().members().getFirst().httpAddress()).as("the old cluster's member address is gone")
                .isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
