package io.raftkv.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches who leads, from a thread of its own, and keeps every change it sees: the sequence of (leader, term) pairs
 * that nodes reported, in the order they were first seen. A leader that held office for less than one polling interval
 * can be missed; the Raft term, which every election that got past pre-vote raises, is the authoritative count, and
 * this sequence tells which nodes led.
 */
final class LeaderObserver implements AutoCloseable {
    /** Often enough to see each leader of a rolling restart, where every leader lasts seconds at least. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** One leader a node reported, with the term in which it leads. */
    record Leadership(String leaderId, long term) {
    }

    private final LocalCluster cluster;
    private final List<Leadership> seen = new ArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("leader-observer").daemon().factory());

    private LeaderObserver(LocalCluster cluster) {
        this.cluster = cluster;
    }

    static LeaderObserver start(LocalCluster cluster) {
        LeaderObserver observer = new LeaderObserver(cluster);
        observer.poller.scheduleWithFixedDelay(observer::observeOnce, 0, POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return observer;
    }

    /** Every leadership seen so far, oldest first, each once. */
    synchronized List<Leadership> leaderships() {
        return List.copyOf(seen);
    }

    /** How many times the observed leadership passed from one (leader, term) to another. */
    synchronized int changeCount() {
        return Math.max(0, seen.size() - 1);
    }

    @Override
    public void close() {
        poller.shutdown();
        try {
            if (!poller.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the leader observer did not stop within " + STOP_TIMEOUT);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the leader observer", interrupted);
        }
    }

    private void observeOnce() {
        currentLeadership().ifPresent(this::remember);
    }

    /** The leader with the highest term among the nodes that say they lead, as {@link LocalCluster#leaderId()}. */
    private Optional<Leadership> currentLeadership() {
        return cluster.nodeIds().stream()
                .flatMap(id -> cluster.view(id).stream())
                .filter(NodeView::isLeader)
                .map(view -> new Leadership(view.nodeId(), view.term()))
                .max(Comparator.comparingLong(Leadership::term));
    }

    private synchronized void remember(Leadership leadership) {
        // A slow probe may report an older leadership after a newer one was seen; only a higher term is news.
        if (seen.isEmpty() || leadership.term() > seen.getLast().term()) {
            seen.add(leadership);
        }
    }
}
