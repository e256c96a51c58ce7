package io.raftkv.server;

import io.raftkv.core.Invariants;
import io.raftkv.core.Limits;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything one node needs to start. Built by the CLI from flags, environment and peers files; validated there so
 * that a bad setting is one clear line, not a stack trace.
 *
 * @param nodeId                this node's id
 * @param self                  this node's id and the HOST:PORT its Raft server listens on
 * @param peers                 when bootstrapping a new cluster: every voting member, this node included. When
 *                              joining: the members known from the join endpoint, this node not among them
 * @param join                  how to join a running cluster; empty for a node of a bootstrapped cluster
 * @param clusterId             the cluster this node must belong to, when known before start: given by the operator,
 *                              or learnt from the join endpoint. Empty: derived from the bootstrap peers (see
 *                              {@code ClusterIdentity})
 * @param dataDirectory         where the Raft log, snapshots and the database live
 * @param storage               ROCKSDB for durable data, MEMORY for tests and ephemeral use
 * @param limits                key, value and range limits
 * @param snapshotEveryEntries  take a snapshot (and truncate the Raft log) after this many applied entries
 * @param electionTimeoutMillis the lower bound of the randomized election timeout; the upper bound is twice this
 * @param requestTimeoutMillis  how long a client request may wait for the cluster before it fails with a timeout
 * @param diskReserveBytes      below this much free space on the data directory's file system, writes are refused
 *                              (see {@code DiskGuard}); 0 turns the guard off
 */
public record NodeConfig(String nodeId, Peer self, List<Peer> peers, Optional<Join> join, Optional<String> clusterId,
                         Path dataDirectory,
                         StorageKind storage, Limits limits, long snapshotEveryEntries, long electionTimeoutMillis,
                         long requestTimeoutMillis, long diskReserveBytes) {

    public static final long SNAPSHOT_EVERY_ENTRIES_DEFAULT = 100_000;
    /**
     * A follower notices a dead leader one to two election timeouts after its last heartbeat (Ratis sleeps a whole
     * randomized timeout before it looks), so this decides how long writes stop after a leader crash. Ratis' 150 ms
     * default caused leader churn under load on two cores; 1 s made a failover take 2-3 s, against etcd's 1-1.5 s.
     * 300 ms (to 600 ms) keeps pre-vote's protection: a node that merely missed a few heartbeats on a busy machine
     * asks first, and the others refuse it while they still hear from the leader. What used to be derived from the
     * election timeout has floors of its own (see {@link #electionTimeoutsAtLeast}).
     */
    public static final long ELECTION_TIMEOUT_MILLIS_DEFAULT = 300;
    public static final long REQUEST_TIMEOUT_MILLIS_DEFAULT = 10_000;
    /**
     * Room kept free for what is already in flight when the guard trips: up to four 4 MiB log entries, the RocksDB
     * memtable flush that follows, and a snapshot's temporary file on a small store.
     */
    public static final long DISK_RESERVE_BYTES_DEFAULT = 256L * 1024 * 1024;

    public NodeConfig {
        peers = List.copyOf(peers);
        Invariants.check(self.id().equals(nodeId), "self %s is not node %s", self, nodeId);
        if (join.isEmpty()) {
            Invariants.check(peers.contains(self), "node %s is not among the peers %s", self, peers);
        } else {
            Invariants.check(peers.stream().noneMatch(peer -> peer.id().equals(nodeId)),
                    "a joining node %s must not be among the known members %s", nodeId, peers);
        }
        Invariants.check(snapshotEveryEntries >= 1, "snapshotEveryEntries must be positive");
        Invariants.check(electionTimeoutMillis >= 50, "electionTimeoutMillis must be at least 50");
        Invariants.check(requestTimeoutMillis >= 100, "requestTimeoutMillis must be at least 100");
        Invariants.check(diskReserveBytes >= 0, "diskReserveBytes must not be negative");
        Invariants.check(clusterId.map(ClusterIdentity::isClusterId).orElse(true), "cluster id must be a UUID, was %s",
                clusterId);
    }

    /**
     * {@code electionTimeouts} election timeouts, but never less than {@code floorMillis}: timeouts and patience that
     * scale with the election timeout keep a floor of their own, so that a short election timeout does not make
     * requests, transfers or liveness judgements give up on ordinary pauses.
     */
    public static long electionTimeoutsAtLeast(long electionTimeoutMillis, int electionTimeouts, long floorMillis) {
        return Math.max(floorMillis, electionTimeoutMillis * electionTimeouts);
    }

    /** A node of a cluster bootstrapped from a fixed list of peers, with the default disk reserve. */
    public static NodeConfig bootstrap(String nodeId, List<Peer> peers, Path dataDirectory, StorageKind storage,
                                       Limits limits, long snapshotEveryEntries, long electionTimeoutMillis,
                                       long requestTimeoutMillis) {
        Peer self = peers.stream().filter(peer -> peer.id().equals(nodeId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node id " + nodeId + " is not among the peers "
                        + peers));
        return new NodeConfig(nodeId, self, peers, Optional.empty(), Optional.empty(), dataDirectory, storage, limits,
                snapshotEveryEntries, electionTimeoutMillis, requestTimeoutMillis, DISK_RESERVE_BYTES_DEFAULT);
    }

    /** The same config with another disk reserve ({@code --disk-reserve}); 0 turns the guard off. */
    public NodeConfig withDiskReserveBytes(long newDiskReserveBytes) {
        return new NodeConfig(nodeId, self, peers, join, clusterId, dataDirectory, storage, limits,
                snapshotEveryEntries, electionTimeoutMillis, requestTimeoutMillis, newDiskReserveBytes);
    }

    /** The same config, expecting the cluster {@code newClusterId} (see {@link ClusterIdentity}). */
    public NodeConfig withClusterId(Optional<String> newClusterId) {
        return new NodeConfig(nodeId, self, peers, join, newClusterId, dataDirectory, storage, limits,
                snapshotEveryEntries, electionTimeoutMillis, requestTimeoutMillis, diskReserveBytes);
    }

    /**
     * How a new node joins a running cluster.
     *
     * @param endpoint HTTP endpoint (http://HOST:PORT) of any current member
     * @param learner  stay a non-voting learner instead of being promoted to voter once caught up
     */
    public record Join(String endpoint, boolean learner) {
    }

    /** A member of the Raft group: its id and the HOST:PORT its Raft (gRPC) server listens on. */
    public record Peer(String id, String host, int port) {
        public Peer {
            Invariants.check(id.matches("[A-Za-z0-9_-]{1,64}"), "peer id must be 1..64 of [A-Za-z0-9_-], was '%s'", id);
            Invariants.check(port >= 1 && port <= 65535, "port must be 1..65535, was %d", port);
        }

        public String address() {
            return host + ":" + port;
        }
    }

    public enum StorageKind {
        ROCKSDB,
        MEMORY
    }
}
