package io.raftkv.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Ends Ratis' "initializing" state on a node that joined as a learner.
 *
 * <p>Why: a Ratis 3.3 leader marks a new member as caught up only if it staged that member as a voter itself. A member
 * added as a learner (a Ratis listener) is never marked, so every append that leader sends it says "initializing",
 * and the member stays in its start-up state: it replicates and applies, but it neither votes nor notices a silent
 * leader, and that stays so after it is promoted. A 3-node cluster with such a member could never elect a new leader
 * once it lost the current one. A newly elected leader marks every member as caught up, so a member still
 * initializing some time after it joined asks its leader to step down: one election ends the state for good.
 */
final class InitializingMemberWatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(InitializingMemberWatch.class);
    /** A member staged as a voter leaves the state when its addition commits; this leaves it ample time to. */
    static final int PATIENCE_ELECTION_TIMEOUTS = 5;
    /** A commit can take this long on a loaded machine however short the election timeout. */
    static final long PATIENCE_MILLIS_MIN = 2_000;

    /**
     * What the node sees of itself.
     *
     * @param initializing Ratis still runs this node in its start-up state
     * @param member       this node is a voter or learner of the stored configuration
     * @param leaderId     the leader this node follows, if it knows one
     */
    record Observation(boolean initializing, boolean member, Optional<String> leaderId) {
    }

    private final String nodeId;
    private final long patienceMillis;
    private final Supplier<Observation> observe;
    private final Consumer<String> askLeaderToStepDown;
    private final LongSupplier nowMillis;
    /** When the node was first seen initializing as a member under a known leader; empty otherwise. */
    private Optional<Long> initializingSinceMillis = Optional.empty();

    InitializingMemberWatch(String nodeId, long electionTimeoutMillis, Supplier<Observation> observe,
                            Consumer<String> askLeaderToStepDown, LongSupplier nowMillis) {
        this.nodeId = nodeId;
        this.patienceMillis = patienceMillis(electionTimeoutMillis);
        this.observe = observe;
        this.askLeaderToStepDown = askLeaderToStepDown;
        this.nowMillis = nowMillis;
    }

    /** How long a member may stay initializing under a known leader before it asks that leader to step down. */
    static long patienceMillis(long electionTimeoutMillis) {
        return NodeConfig.electionTimeoutsAtLeast(electionTimeoutMillis, PATIENCE_ELECTION_TIMEOUTS,
                PATIENCE_MILLIS_MIN);
    }

    @Override
    public void run() {
        Observation observation = observe.get();
        boolean stuck = observation.initializing() && observation.member() && observation.leaderId().isPresent()
                && !observation.leaderId().get().equals(nodeId);
        if (!stuck) {
            initializingSinceMillis = Optional.empty();
            return;
        }
        long now = nowMillis.getAsLong();
        if (initializingSinceMillis.isEmpty()) {
            initializingSinceMillis = Optional.of(now);
            return;
        }
        if (now - initializingSinceMillis.get() < patienceMillis) {
            return;
        }
        String leader = observation.leaderId().get();
        LOG.info("node {}: a member, but leader {} still sends it appends marked as initializing (it joined as a "
                + "learner); asking {} to step down so that the next leader counts it as a full member", nodeId,
                leader, leader);
        initializingSinceMillis = Optional.of(now);
        askLeaderToStepDown.accept(leader);
    }
}
