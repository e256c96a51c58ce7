package io.raftkv.testing;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyValue;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.QueryResult;
import io.raftkv.core.query.Range;
import io.raftkv.server.ClusterIdentity;
import io.raftkv.server.NodeConfig;
import io.raftkv.statemachine.KvStateMachine;
import io.raftkv.statemachine.SnapshotInspector;
import io.raftkv.storage.memory.MemoryStorage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backup and restore as an operator runs them: {@code raftkv snapshot save} from a 3-node cluster under a steady
 * write load, {@code raftkv snapshot restore} of that file for each node of a NEW 3-node cluster (new directories,
 * new ports), then {@code raftkv server} on each. The new cluster holds exactly the snapshot: every key with its
 * value, flags, version and revisions, every write acknowledged before the save at the revision it was acknowledged
 * with, nothing newer; and it takes new writes above the snapshot's revision, under a cluster id of its own.
 */
@Tag("integration")
class BackupRestoreTest extends ClusterTest {
    static final int WRITER_COUNT = 4;
    static final int ACKNOWLEDGED_BEFORE_SAVE_MIN = 300;
    /** Writes acknowledged after the save, so the source holds keys the snapshot must not. */
    static final int ACKNOWLEDGED_AFTER_SAVE_MIN = 100;
    static final Duration WRITES_TIMEOUT = Duration.ofSeconds(30);
    static final String PREFIX = "backup/";
    /** Keys per range read of the snapshot's store, within the default range limit. */
    static final int SNAPSHOT_LISTING_PAGE_KEYS = 1_000;

    @Test
    void aClusterRestoredFromABackupTakenUnderLoadHoldsExactlyTheSnapshotAndWritesAboveIt() throws Exception {
        LocalCluster source = startCluster(defaultOptions());
        source.awaitLeader(ELECTION_TIMEOUT);
        Path file = baseDirectory.resolve("backup.snap");
        Map<Bytes, Long> acknowledgedBeforeSave;
        WriteLoad load = WriteLoad.start(source.client(), PREFIX, WRITER_COUNT);
        try (load) {
            await("writes acknowledged").atMost(WRITES_TIMEOUT)
                    .until(() -> load.acknowledgedCount() >= ACKNOWLEDGED_BEFORE_SAVE_MIN);
            acknowledgedBeforeSave = load.acknowledgedRevisions();
            CliProcess.Run save = CliProcess.run(baseDirectory, "snapshot-save", "snapshot", "save",
                    file.toString(), "--endpoints", String.join(",", source.endpoints()));
            assertThat(save.exitCode()).as("snapshot save; stderr: %s", save.err()).isZero();
            int acknowledgedAtSaveEnd = load.acknowledgedCount();
            await("writes acknowledged after the save").atMost(WRITES_TIMEOUT)
                    .until(() -> load.acknowledgedCount() >= acknowledgedAtSaveEnd + ACKNOWLEDGED_AFTER_SAVE_MIN);
            load.stop();
        }
        SnapshotInspector.Status snapshot = SnapshotInspector.inspect(file, bytes -> { });
        SortedMap<Bytes, KeyValue> snapshotContent = contentOf(file);
        assertThat(load.acknowledgedRevisions().values()).as("the source went on writing past the snapshot")
                .anyMatch(revision -> revision > snapshot.revision());

        LocalCluster restored = restoreIntoANewCluster(file);

        for (String id : restored.nodeIds()) {
            SortedMap<Bytes, KeyValue> listing = restored.http().list(restored.node(id), Bytes.EMPTY,
                    ReadConsistency.LINEARIZABLE).keyValues();
            assertThat(listing).as("node %s holds exactly the snapshot", id).isEqualTo(snapshotContent);
        }
        SortedMap<Bytes, KeyValue> listing = restored.http().list(restored.node("n1"), Bytes.EMPTY,
                ReadConsistency.SERIALIZABLE).keyValues();
        acknowledgedBeforeSave.forEach((key, revision) -> assertThat(listing.get(key))
                .as("%s, acknowledged before the save", key).isNotNull()
                .satisfies(keyValue -> assertThat(keyValue.metadata().modRevision()).isEqualTo(revision)));
        assertThat(listing.values()).as("nothing newer than the snapshot")
                .allMatch(keyValue -> keyValue.metadata().modRevision() <= snapshot.revision());
        Result.Written written = Writes.put(restored.client(), "after-restore", "new");
        assertThat(written.metadata().modRevision()).isGreaterThan(snapshot.revision());
        assertThat(clusterId(restored, "n1")).isEqualTo(ClusterIdentity.derivedFrom(peersOf(restored)))
                .isNotEqualTo(clusterId(source, "n1"));
    }

    /** {@code raftkv snapshot restore} of the same file for every node of a new cluster, then start them all. */
    private LocalCluster restoreIntoANewCluster(Path file) throws IOException, InterruptedException {
        LocalCluster restored = LocalCluster.prepare(ClusterOptions.in(baseDirectory.resolve("restored")));
        clusters().add(restored);
        for (String id : restored.nodeIds()) {
            CliProcess.Run restore = CliProcess.run(baseDirectory, "snapshot-restore-" + id, "snapshot", "restore",
                    file.toString(), "--data-dir", restored.node(id).dataDirectory().toString(), "--id", id,
                    "--peers", restored.bootstrapPeers());
            assertThat(restore.exitCode()).as("snapshot restore for %s; stderr: %s", id, restore.err()).isZero();
            assertThat(restore.out()).contains("cluster id     " + ClusterIdentity.derivedFrom(peersOf(restored)),
                    "raftkv server --id " + id);
        }
        restored.startAll();
        restored.awaitReady(STARTUP_TIMEOUT);
        return restored;
    }

    /** The peers the new cluster's nodes are started with, as the server parses them. */
    private static List<NodeConfig.Peer> peersOf(LocalCluster cluster) {
        return cluster.nodeIds().stream().map(id -> {
            LocalNode node = cluster.node(id);
            String port = node.raftAddress().substring(node.raftAddress().lastIndexOf(':') + 1);
            return new NodeConfig.Peer(id, node.host(), Integer.parseInt(port));
        }).toList();
    }

    private static String clusterId(LocalCluster cluster, String id) {
        return NodeHttp.parse(cluster.http().get(cluster.node(id), "/v1/cluster/self").body()).path("clusterId")
                .asText();
    }

    /** Every live key of the snapshot with its value and metadata, read page by page by the state machine itself. */
    private static SortedMap<Bytes, KeyValue> contentOf(Path file) throws IOException {
        KvStateMachine machine = new KvStateMachine(MemoryStorage.create(),
                KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
        try (InputStream in = Files.newInputStream(file)) {
            machine.storage().restoreSnapshot(in);
        }
        machine.reload();
        SortedMap<Bytes, KeyValue> content = new TreeMap<>();
        Bytes start = Bytes.EMPTY;
        boolean more = true;
        while (more) {
            QueryResult result = machine.query(new Range(start, Optional.empty(), SNAPSHOT_LISTING_PAGE_KEYS, false,
                    false));
            assertThat(result).isInstanceOf(QueryResult.RangeResult.class);
            QueryResult.RangeResult page = (QueryResult.RangeResult) result;
            page.keyValues().forEach(keyValue -> content.put(keyValue.key(), keyValue));
            more = page.more();
            // The smallest key after the last one returned is that key followed by a zero byte.
            start = content.isEmpty() ? start : content.lastKey().concat(Bytes.wrap(new byte[] {0}));
        }
        return content;
    }
}
