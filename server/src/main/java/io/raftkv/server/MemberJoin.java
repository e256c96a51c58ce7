package io.raftkv.server;

import io.raftkv.api.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A joining node's side of joining: until it is a member, it asks the cluster to add it as a learner (the leader
 * then sends it the log, or a snapshot when it is far behind, before the change commits); once it is a learner whose
 * lag is at most {@link #PROMOTION_LAG_ENTRIES_MAX}, it asks to be promoted to voter, unless it was started to stay a
 * learner. Runs on a thread of its own, one step each check interval, until there is nothing left to do. A refusal
 * (the id is taken by another address) stops the node with the reason; anything else is retried.
 */
final class MemberJoin implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MemberJoin.class);
    /**
     * A learner this close to the leader's commit index is promoted: a new voter that is far behind would make
     * commits wait for it as soon as another voter is slow.
     */
    static final long PROMOTION_LAG_ENTRIES_MAX = 100;
    /** Between two steps, in election timeouts. */
    static final int CHECK_INTERVAL_ELECTION_TIMEOUTS = 1;
    /** Each step asks the leader over Raft; joining is not urgent enough to ask more often than this. */
    static final long CHECK_INTERVAL_MILLIS_MIN = 1_000;

    private final NodeConfig config;
    private final NodeConfig.Join join;
    private final Membership membership;
    private final Consumer<String> refused;
    private final long intervalMillis;
    private final ScheduledExecutorService executor;
    /** The last problem logged, so a retry that keeps failing the same way is logged once. */
    private String lastProblem = "";

    /**
     * @param refused called once, with the reason, if the cluster refuses this node for good
     */
    MemberJoin(NodeConfig config, Membership membership, Consumer<String> refused) {
        this.config = config;
        this.join = config.join().orElseThrow();
        this.membership = membership;
        this.refused = refused;
        this.intervalMillis = NodeConfig.electionTimeoutsAtLeast(config.electionTimeoutMillis(),
                CHECK_INTERVAL_ELECTION_TIMEOUTS, CHECK_INTERVAL_MILLIS_MIN);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "raftkv-join-" + config.nodeId());
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        executor.schedule(this::step, 0, TimeUnit.MILLISECONDS);
    }

    private void step() {
        JoinStep.Next next;
        try {
            next = JoinStep.decide(config.nodeId(), config.self().address(), join.learner(),
                    membership.leaderView());
        } catch (ServiceException unavailable) {
            retryLater("cannot reach the cluster yet: " + unavailable.getMessage());
            return;
        }
        switch (next) {
            case JoinStep.Next.Done done -> LOG.info("node {}: {}", config.nodeId(), done.description());
            case JoinStep.Next.Refused refusal -> refused.accept(refusal.reason());
            case JoinStep.Next.Wait wait -> retryLater(wait.reason());
            case JoinStep.Next.AddAsLearner ignored -> {
                LOG.info("node {}: asking {} to add it as a learner at {}; the leader sends it the data first",
                        config.nodeId(), join.endpoint(), config.self().address());
                run(() -> membership.add(config.nodeId(), config.self().address(), true).join());
            }
            case JoinStep.Next.Promote promote -> {
                LOG.info("node {}: caught up ({} entries behind); asking to be promoted to voter", config.nodeId(),
                        promote.lagEntries());
                run(() -> membership.promote(config.nodeId()).join());
            }
        }
    }

    /** Runs one change, then the next step; a refusal stops the node, anything else is retried. */
    private void run(Runnable change) {
        try {
            change.run();
        } catch (CompletionException failure) {
            ServiceException cause = Membership.asServiceException(failure);
            if (cause.kind() == ServiceException.Kind.INVALID) {
                refused.accept(cause.getMessage());
                return;
            }
            retryLater(cause.getMessage());
            return;
        }
        executor.schedule(this::step, 0, TimeUnit.MILLISECONDS);
    }

    private void retryLater(String problem) {
        if (!problem.equals(lastProblem)) {
            LOG.info("node {}: joining: {}; retrying every {} ms", config.nodeId(), problem, intervalMillis);
            lastProblem = problem;
        }
        executor.schedule(this::step, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** What a joining node does next, given the leader's view: a pure decision, unit-tested on its own. */
    static final class JoinStep {
        private JoinStep() {
        }

        sealed interface Next {
            record AddAsLearner() implements Next {
            }

            record Promote(long lagEntries) implements Next {
            }

            record Wait(String reason) implements Next {
            }

            record Done(String description) implements Next {
            }

            record Refused(String reason) implements Next {
            }
        }

        static Next decide(String nodeId, String raftAddress, boolean stayLearner, MembershipView view) {
            Optional<MembershipView.Entry> self = view.find(nodeId);
            if (self.isEmpty()) {
                return view.transitional() ? new Next.Wait("a membership change is still being committed")
                        : new Next.AddAsLearner();
            }
            if (!self.get().raftAddress().equals(raftAddress)) {
                return new Next.Refused("id " + nodeId + " is already a member at " + self.get().raftAddress()
                        + "; pick another id, or `raftkv member remove " + nodeId
                        + "` first if it is being replaced");
            }
            if (view.isVoter(nodeId)) {
                return new Next.Done("is a voter of the cluster");
            }
            if (stayLearner) {
                return new Next.Done("is a learner of the cluster and stays one (--learner)");
            }
            OptionalLong lag = view.lagOf(nodeId);
            if (lag.isEmpty() || lag.getAsLong() > PROMOTION_LAG_ENTRIES_MAX || view.transitional()) {
                return new Next.Wait("a learner catching up; promoted to voter once at most "
                        + PROMOTION_LAG_ENTRIES_MAX + " entries behind");
            }
            return new Next.Promote(lag.getAsLong());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
