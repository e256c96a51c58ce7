package io.raftkv.client;

import java.util.List;
import java.util.Optional;

/**
 * The cluster as {@code GET /v1/cluster} reports it.
 *
 * @param leader the leader's id, empty while there is none
 * @param term   the current Raft term, as the answering node knows it
 */
public record ClusterView(Optional<String> leader, long term, List<Member> members) {
    public ClusterView {
        members = List.copyOf(members);
    }

    /**
     * One member. The numbers are what the member itself reported; they are 0 when it was not reachable.
     *
     * @param httpAddress HOST:PORT of the member's HTTP API, empty until it has announced it
     * @param role        LEADER, FOLLOWER, CANDIDATE, ... as the member reported it
     */
    public record Member(String id, String raftAddress, Optional<String> httpAddress, boolean reachable, String role,
                         long term, long commitIndex, long appliedIndex, long revision) {
    }
}
