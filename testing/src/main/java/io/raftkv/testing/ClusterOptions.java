package io.raftkv.testing;

import io.raftkv.core.Invariants;
import io.raftkv.core.Limits;
import io.raftkv.server.NodeConfig;
import io.raftkv.server.NodeConfig.StorageKind;

import java.nio.file.Path;

/**
 * How to start a {@link LocalCluster}.
 *
 * @param baseDirectory        holds one directory per node (its data and its {@code server.log}); a JUnit
 *                             {@code @TempDir} in tests
 * @param nodeCount            how many voting members, ids {@code n1..nN}
 * @param storage              the storage engine of every node
 * @param snapshotEveryEntries passed as {@code --snapshot-every}
 * @param valueBytesMax        passed as {@code --value-bytes-max}
 */
public record ClusterOptions(Path baseDirectory, int nodeCount, StorageKind storage, long snapshotEveryEntries,
                             int valueBytesMax) {

    public static final int NODE_COUNT_DEFAULT = 3;
    /** Each node is a JVM of its own; more than this would not fit the small machines the suite runs on. */
    public static final int NODE_COUNT_MAX = 7;

    public ClusterOptions {
        Invariants.check(nodeCount >= 1 && nodeCount <= NODE_COUNT_MAX,
                "nodeCount must be 1..%d, was %d", NODE_COUNT_MAX, nodeCount);
        Invariants.check(snapshotEveryEntries >= 1, "snapshotEveryEntries must be positive, was %d",
                snapshotEveryEntries);
        Invariants.check(valueBytesMax >= 0, "valueBytesMax must not be negative, was %d", valueBytesMax);
    }

    /** Three RocksDB nodes with the server's own defaults. */
    public static ClusterOptions in(Path baseDirectory) {
        return new ClusterOptions(baseDirectory, NODE_COUNT_DEFAULT, StorageKind.ROCKSDB,
                NodeConfig.SNAPSHOT_EVERY_ENTRIES_DEFAULT, Limits.VALUE_BYTES_MAX_DEFAULT);
    }

    public ClusterOptions withNodeCount(int newNodeCount) {
        return new ClusterOptions(baseDirectory, newNodeCount, storage, snapshotEveryEntries, valueBytesMax);
    }

    public ClusterOptions withStorage(StorageKind newStorage) {
        return new ClusterOptions(baseDirectory, nodeCount, newStorage, snapshotEveryEntries, valueBytesMax);
    }

    public ClusterOptions withSnapshotEveryEntries(long newSnapshotEveryEntries) {
        return new ClusterOptions(baseDirectory, nodeCount, storage, newSnapshotEveryEntries, valueBytesMax);
    }

    public ClusterOptions withValueBytesMax(int newValueBytesMax) {
        return new ClusterOptions(baseDirectory, nodeCount, storage, snapshotEveryEntries, newValueBytesMax);
    }
}
