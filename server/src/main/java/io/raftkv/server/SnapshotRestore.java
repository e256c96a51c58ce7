package io.raftkv.server;

import io.raftkv.core.Invariants;
import io.raftkv.statemachine.NewClusterRebase;
import io.raftkv.storage.rocksdb.RocksDbStorage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Bootstraps one node of a new cluster from a snapshot file, offline: the snapshot goes into a RocksDB database in
 * an empty data directory, is rebased for the new cluster ({@link NewClusterRebase}), and the directory gets the
 * identity of the cluster derived from the new peers. Every node of the new cluster is restored from the same file
 * with the same peers, so they all hold the same data and agree on the cluster id without talking to each other; the
 * first start then elects a leader over an empty Raft log.
 *
 * <p>The identity is written last: a restore cut short leaves database files without an identity, which a node
 * refuses to start on, so a half-restored directory can never join a cluster.
 */
public final class SnapshotRestore {
    /**
     * @param identity the new cluster's id and this node's id, as written into the data directory
     * @param rebased  what the rebase kept (revision, cluster time) and dropped
     */
    public record Restored(ClusterIdentity identity, NewClusterRebase.Rebased rebased) {
    }

    private SnapshotRestore() {
    }

    /** Whether {@code dataDirectory} is absent or an empty directory: the only places a restore goes into. */
    public static boolean isAbsentOrEmpty(Path dataDirectory) throws IOException {
        if (!Files.exists(dataDirectory)) {
            return true;
        }
        if (!Files.isDirectory(dataDirectory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Restores {@code snapshot} into {@code dataDirectory}, which must be absent or empty. A snapshot that fails its
     * checksum throws {@code SnapshotCorruptException}; on any failure the directory is emptied again.
     */
    public static Restored restore(InputStream snapshot, Path dataDirectory, String nodeId,
                                   List<NodeConfig.Peer> peers) throws IOException {
        Invariants.check(isAbsentOrEmpty(dataDirectory), "%s must be absent or empty", dataDirectory);
        Invariants.check(peers.stream().anyMatch(peer -> peer.id().equals(nodeId)), "node %s is not among %s",
                nodeId, peers);
        ClusterIdentity identity = new ClusterIdentity(ClusterIdentity.derivedFrom(peers), nodeId);
        Files.createDirectories(dataDirectory);
        try {
            NewClusterRebase.Rebased rebased;
            try (RocksDbStorage storage = RocksDbStorage.open(
                    dataDirectory.resolve(StorageEngines.DATABASE_SUBDIRECTORY))) {
                storage.restoreSnapshot(snapshot);
                rebased = NewClusterRebase.apply(storage);
                storage.sync();
            }
            identity.write(dataDirectory);
            return new Restored(identity, rebased);
        } catch (IOException | RuntimeException failure) {
            emptyQuietly(dataDirectory, failure);
            throw failure;
        }
    }

    /** The directory was empty before the restore, so everything in it now is the restore's own. */
    private static void emptyQuietly(Path dataDirectory, Exception restoreFailure) {
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(dataDirectory))
                    .toList()) {
                Files.delete(path);
            }
        } catch (IOException cleanupFailure) {
            restoreFailure.addSuppressed(cleanupFailure);
        }
    }
}
