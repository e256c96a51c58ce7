package io.raftkv.client;

import io.raftkv.core.NoSpaceAlarm;

import java.util.List;
import java.util.Optional;

/**
 * The cluster as {@code GET /v1/cluster} reports it.
 *
 * @param clusterId the cluster's id (a UUID); empty from a server too old to report it
 * @param leader the leader's id, empty while there is none
 * @param term   the current Raft term, as the answering node knows it
 * @param noSpaceAlarms the NO_SPACE alarms active in the cluster; while any is, writes are refused
 */
public record ClusterView(Optional<String> clusterId, Optional<String> leader, long term, List<Member> members,
                          List<NoSpaceAlarm> noSpaceAlarms) {
    public ClusterView {
        members = List.copyOf(members);
        noSpaceAlarms = List.copyOf(noSpaceAlarms);
    }

    /** A view with no alarm active. */
    public ClusterView(Optional<String> leader, long term, List<Member> members) {
        this(Optional.empty(), leader, term, members, List.of());
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
