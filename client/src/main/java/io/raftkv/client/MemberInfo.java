package io.raftkv.client;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One member as the leader sees it ({@code GET /v1/cluster/members}).
 *
 * @param raftAddress       HOST:PORT of its Raft server
 * @param httpAddress       HOST:PORT of its HTTP API, empty until it has announced it
 * @param role              VOTER or LEARNER
 * @param leader            whether it leads
 * @param lagEntries        committed entries it lacks by the leader's last news of it; empty when unknown
 * @param lastContactMillis how long ago the leader last heard from it (0 for the leader); empty when unknown
 */
public record MemberInfo(String id, String raftAddress, Optional<String> httpAddress, String role, boolean leader,
                         OptionalLong lagEntries, OptionalLong lastContactMillis) {
    public static final String VOTER = "VOTER";
    public static final String LEARNER = "LEARNER";

    public boolean isVoter() {
        return VOTER.equals(role);
    }
}
