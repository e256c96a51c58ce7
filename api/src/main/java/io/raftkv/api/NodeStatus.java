package io.raftkv.api;

import io.raftkv.core.NoSpaceAlarm;

import java.util.List;
import java.util.Optional;

/**
 * One node's view of the cluster.
 *
 * @param nodeId       this node's id
 * @param clusterId    the cluster this node belongs to (a UUID, also its Raft group id; see the server's
 *                     {@code ClusterIdentity})
 * @param role         LEADER, FOLLOWER, CANDIDATE, LISTENER or UNKNOWN (not started)
 * @param leaderId     the leader this node knows of
 * @param term         the current Raft term
 * @param commitIndex  the highest log index this node knows to be committed
 * @param appliedIndex the highest log index applied to this node's state machine
 * @param revision     the store revision at the applied index
 * @param members      the configured members, with their Raft and (once announced) HTTP addresses
 * @param storageKind  "rocksdb" or "memory"
 * @param noSpaceAlarms the NO_SPACE alarms active in this node's replica; while any is, client writes are refused
 * @param caughtUp     this node's applied index has come within a few entries of the leader's commit index since it
 *                     started (see {@code CatchUpWatch}); its own commit index cannot say so, as it only knows what
 *                     the leader has sent it so far
 */
public record NodeStatus(String nodeId, String clusterId, String role, Optional<String> leaderId, long term,
                         long commitIndex, long appliedIndex, long revision, List<Member> members, String storageKind,
                         List<NoSpaceAlarm> noSpaceAlarms, boolean caughtUp) {

    public NodeStatus {
        members = List.copyOf(members);
        noSpaceAlarms = List.copyOf(noSpaceAlarms);
    }

    /** A caught-up node's status with no NO_SPACE alarm active. */
    public NodeStatus(String nodeId, String clusterId, String role, Optional<String> leaderId, long term,
                      long commitIndex, long appliedIndex, long revision, List<Member> members, String storageKind) {
        this(nodeId, clusterId, role, leaderId, term, commitIndex, appliedIndex, revision, members, storageKind,
                List.of(), true);
    }

    /**
     * Ready: a leader is known, this node has caught up with it since it started, has at least one committed entry
     * (a node with an empty log, new or wiped, is not ready until the leader has sent it something) and has applied
     * everything it knows to be committed.
     */
    public boolean ready() {
        return leaderId.isPresent() && caughtUp && commitIndex >= 0 && appliedIndex >= commitIndex;
    }

    /**
     * @param httpAddress HOST:PORT of the member's HTTP API, once it has announced it
     */
    public record Member(String id, String raftAddress, Optional<String> httpAddress) {
    }
}
