package io.raftkv.server;

import io.raftkv.core.Invariants;
import io.raftkv.core.Limits;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one node needs to start. Built by the CLI from flags, environment and peers files; validated there so
 * that a bad setting is one clear line, not a stack trace.
 *
 * @param nodeId                this node's id; must be one of {@code peers}
 * @param peers                 every voting member of the group, this node included
 * @param dataDirectory         where the Raft log, snapshots and the database live
 * @param storage               ROCKSDB for durable data, MEMORY for tests and ephemeral use
 * @param limits                key, value and range limits
 * @param snapshotEveryEntries  take a snapshot (and truncate the Raft log) after this many applied entries
 * @param electionTimeoutMillis the lower bound of the randomized election timeout; the upper bound is twice this
 * @param requestTimeoutMillis  how long a client request may wait for the cluster before it fails with a timeout
 */
public record NodeConfig(String nodeId, List<Peer> peers, Path dataDirectory, StorageKind storage, Limits limits,
                         long snapshotEveryEntries, long electionTimeoutMillis, long requestTimeoutMillis) {

    public static final long SNAPSHOT_EVERY_ENTRIES_DEFAULT = 100_000;
    /**
     * Ratis' 150 ms default caused leader churn under load on two cores: a busy node misses heartbeats. One second
     * is the same order as etcd's default (1 s) and still elects a new leader within a few seconds of a crash.
     */
    public static final long ELECTION_TIMEOUT_MILLIS_DEFAULT = 1_000;
    public static final long REQUEST_TIMEOUT_MILLIS_DEFAULT = 10_000;

    public NodeConfig {
        peers = List.copyOf(peers);
        Invariants.check(peers.stream().anyMatch(peer -> peer.id().equals(nodeId)),
                "node id %s is not among the peers %s", nodeId, peers);
        Invariants.check(snapshotEveryEntries >= 1, "snapshotEveryEntries must be positive");
        Invariants.check(electionTimeoutMillis >= 50, "electionTimeoutMillis must be at least 50");
        Invariants.check(requestTimeoutMillis >= 100, "requestTimeoutMillis must be at least 100");
    }

    public Peer self() {
        return peers.stream().filter(peer -> peer.id().equals(nodeId)).findFirst().orElseThrow();
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
