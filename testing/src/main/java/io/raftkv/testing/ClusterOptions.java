package io.raftkv.testing;

import io.raftkv.core.Invariants;
import io.raftkv.core.Limits;
import io.raftkv.server.NodeConfig;
import io.raftkv.server.NodeConfig.StorageKind;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * How to start a {@link LocalCluster}.
 *
 * @param baseDirectory         holds one directory per node (its data and its {@code server.log}); a JUnit
 *                              {@code @TempDir} in tests
 * @param nodeCount             how many voting members, ids {@code n1..nN}
 * @param storage               the storage engine of every node
 * @param snapshotEveryEntries  passed as {@code --snapshot-every}
 * @param valueBytesMax         passed as {@code --value-bytes-max}
 * @param perNodeAddresses      when true, node {@code i} listens on {@code 127.0.1.i} (see {@link #hostOf}) instead
 *                              of every node sharing {@link LocalNode#HOST}, so firewall rules can tell nodes apart
 * @param environmentByNodeId   extra environment variables for a node's process, by node id (e.g. {@code LD_PRELOAD});
 *                              asked at every start, so a restarted node gets the current answer
 * @param electionTimeoutMillis passed as {@code --election-timeout} when present; the server's default otherwise
 */
public record ClusterOptions(Path baseDirectory, int nodeCount, StorageKind storage, long snapshotEveryEntries,
                             int valueBytesMax, boolean perNodeAddresses,
                             Function<String, Map<String, String>> environmentByNodeId,
                             OptionalLong electionTimeoutMillis) {

    public static final int NODE_COUNT_DEFAULT = 3;
    /** Each node is a JVM of its own; more than this would not fit the small machines the suite runs on. */
    public static final int NODE_COUNT_MAX = 7;
    /** The server refuses shorter election timeouts: elections would start on ordinary scheduling hiccups. */
    public static final long ELECTION_TIMEOUT_MILLIS_MIN = 50;
    /** Per-node hosts are this prefix plus the node's number: all of 127.0.0.0/8 reaches loopback on Linux. */
    public static final String PER_NODE_HOST_PREFIX = "127.0.1.";

    public ClusterOptions {
        Invariants.check(nodeCount >= 1 && nodeCount <= NODE_COUNT_MAX,
                "nodeCount must be 1..%d, was %d", NODE_COUNT_MAX, nodeCount);
        Invariants.check(snapshotEveryEntries >= 1, "snapshotEveryEntries must be positive, was %d",
                snapshotEveryEntries);
        Invariants.check(valueBytesMax >= 0, "valueBytesMax must not be negative, was %d", valueBytesMax);
        Invariants.check(environmentByNodeId != null, "environmentByNodeId must not be null");
        Invariants.check(electionTimeoutMillis.orElse(ELECTION_TIMEOUT_MILLIS_MIN) >= ELECTION_TIMEOUT_MILLIS_MIN,
                "electionTimeoutMillis must be at least %d, was %s", ELECTION_TIMEOUT_MILLIS_MIN,
                electionTimeoutMillis);
    }

    /** Three RocksDB nodes with the server's own defaults, all on {@link LocalNode#HOST}, no extra environment. */
    public static ClusterOptions in(Path baseDirectory) {
        return new ClusterOptions(baseDirectory, NODE_COUNT_DEFAULT, StorageKind.ROCKSDB,
                NodeConfig.SNAPSHOT_EVERY_ENTRIES_DEFAULT, Limits.VALUE_BYTES_MAX_DEFAULT, false,
                nodeId -> Map.of(), OptionalLong.empty());
    }

    /** The host of node {@code n<nodeNumber>} (1-based) with per-node addresses: {@code 127.0.1.<nodeNumber>}. */
    public static String perNodeHost(int nodeNumber) {
        Invariants.check(nodeNumber >= 1 && nodeNumber <= NODE_COUNT_MAX, "node number must be 1..%d, was %d",
                NODE_COUNT_MAX, nodeNumber);
        return PER_NODE_HOST_PREFIX + nodeNumber;
    }

    /** Where node {@code n<nodeNumber>} (1-based) listens, for Raft and HTTP alike. */
    public String hostOf(int nodeNumber) {
        return perNodeAddresses ? perNodeHost(nodeNumber) : LocalNode.HOST;
    }

    public ClusterOptions withNodeCount(int newNodeCount) {
        return new ClusterOptions(baseDirectory, newNodeCount, storage, snapshotEveryEntries, valueBytesMax,
                perNodeAddresses, environmentByNodeId, electionTimeoutMillis);
    }

    public ClusterOptions withStorage(StorageKind newStorage) {
        return new ClusterOptions(baseDirectory, nodeCount, newStorage, snapshotEveryEntries, valueBytesMax,
                perNodeAddresses, environmentByNodeId, electionTimeoutMillis);
    }

    public ClusterOptions withSnapshotEveryEntries(long newSnapshotEveryEntries) {
        return new ClusterOptions(baseDirectory, nodeCount, storage, newSnapshotEveryEntries, valueBytesMax,
                perNodeAddresses, environmentByNodeId, electionTimeoutMillis);
    }

    public ClusterOptions withValueBytesMax(int newValueBytesMax) {
        return new ClusterOptions(baseDirectory, nodeCount, storage, snapshotEveryEntries, newValueBytesMax,
                perNodeAddresses, environmentByNodeId, electionTimeoutMillis);
    }

    /** Node {@code i} on {@code 127.0.1.i}, for Raft and HTTP, so iptables rules can match one node's traffic. */
    public ClusterOptions withPerNodeAddresses() {
        return new ClusterOptions(baseDirectory, nodeCount, storage, snapshotEveryEntries, valueBytesMax, true,
                environmentByNodeId, electionTimeoutMillis);
    }

    /**
     * Extra environment variables for each node's process, added after the harness removed the developer's
     * {@code RAFTKV_*} settings; the function is asked again at every (re)start of a node.
     */
    public ClusterOptions withNodeEnvironment(Function<String, Map<String, String>> newEnvironmentByNodeId) {
        return new ClusterOptions(baseDirectory, nodeCount, storage, snapshotEveryEntries, valueBytesMax,
                perNodeAddresses, newEnvironmentByNodeId, electionTimeoutMillis);
    }

    public ClusterOptions withElectionTimeoutMillis(long newElectionTimeoutMillis) {
        return new ClusterOptions(baseDirectory, nodeCount, storage, snapshotEveryEntries, valueBytesMax,
                perNodeAddresses, environmentByNodeId, OptionalLong.of(newElectionTimeoutMillis));
    }
}
