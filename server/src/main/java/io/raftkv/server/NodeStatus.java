package io.raftkv.server;

import java.util.List;
import java.util.Optional;

/**
 * One node's view of the cluster.
 *
 * @param nodeId       this node's id
 * @param role         LEADER, FOLLOWER, CANDIDATE, LISTENER or UNKNOWN (not started)
 * @param leaderId     the leader this node knows of
 * @param term         the current Raft term
 * @param commitIndex  the highest log index this node knows to be committed
 * @param appliedIndex the highest log index applied to this node's state machine
 * @param revision     the store revision at the applied index
 * @param members      the configured members, with their Raft and (once announced) HTTP addresses
 * @param storageKind  "rocksdb" or "memory"
 */
public record NodeStatus(String nodeId, String role, Optional<String> leaderId, long term, long commitIndex,
                         long appliedIndex, long revision, List<Member> members, String storageKind) {

    public NodeStatus {
        members = List.copyOf(members);
    }

    /**
     * Ready: a leader is known, this node has at least one committed entry (a node with an empty log, new or wiped,
     * is not ready until the leader has sent it something) and everything known to be committed is applied.
     */
    public boolean ready() {
        return leaderId.isPresent() && commitIndex >= 0 && appliedIndex >= commitIndex;
    }

    /**
     * @param httpAddress HOST:PORT of the member's HTTP API, once it has announced it
     */
    public record Member(String id, String raftAddress, Optional<String> httpAddress) {
    }
}
