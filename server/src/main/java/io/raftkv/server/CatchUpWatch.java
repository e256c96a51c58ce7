package io.raftkv.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Follows a node from its start until it has caught up with the leader: it logs progress while the node is far
 * behind, one line once it has caught up, and until then keeps the node from being ready.
 *
 * <p>Why: a node's own commit index only says what the leader has told it so far. A node that was down learns how far
 * the leader got one append at a time, so by its own numbers it can look up to date while thousands of entries
 * behind. This watch compares the node's applied index with the commit index of the leader itself.
 */
final class CatchUpWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatchUpWatch.class);
    /** The same margin at which a joining learner counts as caught up and is promoted. */
    static final long CAUGHT_UP_LAG_ENTRIES_MAX = MemberJoin.PROMOTION_LAG_ENTRIES_MAX;
    /** Short, because a node is not ready before the first check that finds it caught up. */
    static final long CHECK_INTERVAL_MILLIS = 200;
    /** A catch-up that lasts longer than this says how far it got, once per this interval. */
    static final long PROGRESS_INTERVAL_MILLIS = 5_000;

    /**
     * One look at the leader.
     *
     * @param leaderId          the leader that answered
     * @param leaderCommitIndex the leader's commit index when it answered
     * @param appliedIndex      this node's applied index, read after the leader answered
     */
    record Observation(String leaderId, long leaderCommitIndex, long appliedIndex) {
        long lagEntries() {
            return Math.max(0, leaderCommitIndex - appliedIndex);
        }
    }

    private final String nodeId;
    /** Empty while no leader answers: no leader yet, or none reachable. */
    private final Supplier<Optional<Observation>> observe;
    private final LongSupplier nowMillis;
    private final long startMillis;
    private final ScheduledExecutorService checks;
    private volatile boolean caughtUp;
    private boolean wasBehind;
    private long lastProgressMillis;

    CatchUpWatch(String nodeId, Supplier<Optional<Observation>> observe, LongSupplier nowMillis) {
        this.nodeId = nodeId;
        this.observe = observe;
        this.nowMillis = nowMillis;
        this.startMillis = nowMillis.getAsLong();
        this.lastProgressMillis = startMillis;
        this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "raftkv-catch-up-" + nodeId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Checks every {@link #CHECK_INTERVAL_MILLIS} on a thread of its own (a check asks the leader) until caught up. */
    void start() {
        checks.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException failure) {
                LOG.error("node {}: following its catch-up failed; it will not report ready", nodeId, failure);
                throw failure;
            }
            if (caughtUp) {
                checks.shutdown();
            }
        }, 0, CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether the node has been within {@link #CAUGHT_UP_LAG_ENTRIES_MAX} of the leader since it started. */
    boolean caughtUp() {
        return caughtUp;
    }

    /** One look at the leader; called by one thread at a time. */
    void check() {
        if (caughtUp) {
            return;
        }
        Optional<Observation> observation = observe.get();
        if (observation.isEmpty()) {
            return;
        }
        Observation seen = observation.get();
        long now = nowMillis.getAsLong();
        if (seen.lagEntries() <= CAUGHT_UP_LAG_ENTRIES_MAX) {
            caughtUp = true;
            // A node that was never behind says nothing: a fresh cluster's start stays quiet.
            if (wasBehind) {
                LOG.info("node {}: caught up with leader {} {} ms after it started: applied index {} of {}", nodeId,
                        seen.leaderId(), now - startMillis, seen.appliedIndex(), seen.leaderCommitIndex());
            }
            return;
        }
        wasBehind = true;
        if (now - lastProgressMillis >= PROGRESS_INTERVAL_MILLIS) {
            lastProgressMillis = now;
            LOG.info("node {}: catching up with leader {}: applied index {} of {} ({} entries behind)", nodeId,
                    seen.leaderId(), seen.appliedIndex(), seen.leaderCommitIndex(), seen.lagEntries());
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
