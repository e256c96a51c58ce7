package io.raftkv.api;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One member of the cluster as the leader sees it.
 *
 * @param id                the member's node id
 * @param raftAddress       HOST:PORT of its Raft server
 * @param httpAddress       HOST:PORT of its HTTP API, once it has announced it
 * @param role              whether it votes
 * @param leader            whether it is the leader
 * @param lagEntries        how many committed entries it lacks, by the leader's last news of it; empty when the
 *                          leader has no news of it yet
 * @param lastContactMillis how long ago the leader last heard from it; 0 for the leader itself, empty when unknown
 */
public record ClusterMember(String id, String raftAddress, Optional<String> httpAddress, Role role, boolean leader,
                            OptionalLong lagEntries, OptionalLong lastContactMillis) {

    /** Whether a member votes. A LEARNER (a Ratis listener) receives the log but neither votes nor counts for quorum. */
    public enum Role {
        VOTER,
        LEARNER
    }
}
