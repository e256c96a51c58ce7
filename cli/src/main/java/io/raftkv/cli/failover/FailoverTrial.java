package io.raftkv.cli.failover;

import io.raftkv.cli.failover.FailoverStore.NodeView;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * One trial: with writes going on, wait for a stable leader, kill -9 it, and time the first write sent after the kill
 * that is acknowledged. Then check that it measured what it claims: the killed node was the leader, another node
 * leads in a later term, and the last acknowledged write is still there. The killed node is started again at the end.
 */
final class FailoverTrial {
    /** How long every node must agree on one leader and term, all ready, before the kill. */
    static final long STABLE_LEADER_MILLIS = 1_000;
    static final long STABLE_LEADER_WAIT_MILLIS = 120_000;
    /** Writes after the first post-kill acknowledgement, so the read-back checks writes of the new leader too. */
    static final long WRITE_ON_MILLIS = 300;
    static final long RECOVERY_WAIT_MILLIS = 60_000;
    static final long NEW_LEADER_WAIT_MILLIS = 30_000;
    static final long POLL_INTERVAL_MILLIS = 50;
    static final long PROBE_TIMEOUT_MILLIS = 1_000;
    static final long READ_TIMEOUT_MILLIS = 10_000;

    private final FailoverStore store;
    private final long writeIntervalMillis;
    private final long requestTimeoutMillis;

    /**
     * What one trial measured and checked.
     *
     * @param killToAckMillis from the kill to the acknowledgement of the first write sent after it
     * @param killed          the node killed, which was the leader
     * @param term            the term it led
     * @param newLeader       the node leading afterwards
     * @param newTerm         its term
     * @param ackNode         the node that acknowledged the first write after the kill
     * @param lastAcknowledged the last acknowledged value, read back afterwards
     * @param readBack        the value read back
     */
    record Outcome(double killToAckMillis, int killed, long term, int newLeader, long newTerm, int ackNode,
                   long lastAcknowledged, long readBack) {
    }

    FailoverTrial(FailoverStore store, long writeIntervalMillis, long requestTimeoutMillis) {
        this.store = store;
        this.writeIntervalMillis = writeIntervalMillis;
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    Outcome run(int trial) throws IOException, InterruptedException {
        String key = "failover-" + trial;
        long killNanos;
        NodeView leader;
        PacedWriter.Acknowledgement first;
        long lastAcknowledged;
        long lastSent;
        try (PacedWriter writer = new PacedWriter(store, key, writeIntervalMillis, requestTimeoutMillis)) {
            writer.start();
            leader = awaitStableLeader(writer);
            killNanos = System.nanoTime();
            store.kill(leader.number());
            first = awaitFirstAcknowledgementSince(writer, killNanos, leader.number());
            Thread.sleep(WRITE_ON_MILLIS);
            writer.close();
            lastAcknowledged = writer.lastAcknowledged().orElseThrow().sequence();
            lastSent = writer.sentSequence();
        }
        NodeView newLeader = awaitNewLeader(leader);
        long readBack = readBack(newLeader.number(), key);
        check(readBack >= lastAcknowledged && readBack <= lastSent, "the value read back, %d, is not between the "
                + "last acknowledged %d and the last sent %d: an acknowledged write was lost", readBack,
                lastAcknowledged, lastSent);
        store.start(leader.number());
        return new Outcome((first.ackNanos() - killNanos) / 1e6, leader.number(), leader.term(), newLeader.number(),
                newLeader.term(), first.node(), lastAcknowledged, readBack);
    }

    /** Every node answers, is ready, names the same leader and term for {@link #STABLE_LEADER_MILLIS}; writes pass. */
    private NodeView awaitStableLeader(PacedWriter writer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STABLE_LEADER_WAIT_MILLIS);
        Optional<NodeView> candidate = Optional.empty();
        long stableSinceNanos = 0;
        while (System.nanoTime() < deadline) {
            Optional<NodeView> agreed = agreedLeader(IntStream.rangeClosed(1, FailoverStore.NODE_COUNT).boxed()
                    .toList());
            long now = System.nanoTime();
            if (agreed.isEmpty() || !agreed.equals(candidate)) {
                candidate = agreed;
                stableSinceNanos = now;
            } else if (now - stableSinceNanos >= TimeUnit.MILLISECONDS.toNanos(STABLE_LEADER_MILLIS)
                    && writer.acknowledgedSince(stableSinceNanos) > 0) {
                check(store.running(agreed.get().number()), "the leader's process is not running");
                return agreed.get();
            }
            Thread.sleep(POLL_INTERVAL_MILLIS);
        }
        throw new TrialFailedException(store.name() + ": no stable leader within " + STABLE_LEADER_WAIT_MILLIS
                + " ms");
    }

    /**
     * The leader's own view, if every one of {@code numbers} answers, is ready and names the same leader and term.
     * Every node is asked even when an earlier one already disagrees: an etcd node's answer is also how its member id
     * is learnt.
     */
    private Optional<NodeView> agreedLeader(List<Integer> numbers) {
        List<Optional<NodeView>> views = numbers.stream().map(number -> store.view(number, PROBE_TIMEOUT_MILLIS))
                .toList();
        if (views.stream().anyMatch(view -> view.isEmpty() || !view.get().ready() || view.get().leader().isEmpty())) {
            return Optional.empty();
        }
        NodeView first = views.getFirst().orElseThrow();
        boolean agree = views.stream().map(Optional::orElseThrow).allMatch(
                view -> view.term() == first.term() && view.leader().equals(first.leader()));
        return agree ? views.stream().map(Optional::orElseThrow).filter(NodeView::isLeader).findFirst()
                : Optional.empty();
    }

    private PacedWriter.Acknowledgement awaitFirstAcknowledgementSince(PacedWriter writer, long killNanos, int killed)
            throws InterruptedException {
        long deadline = killNanos + TimeUnit.MILLISECONDS.toNanos(RECOVERY_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            Optional<PacedWriter.Acknowledgement> first = writer.firstSentSince(killNanos);
            if (first.isPresent()) {
                check(first.get().node() != killed, "a write through the killed node %d was acknowledged", killed);
                return first.get();
            }
            Thread.sleep(1);
        }
        throw new TrialFailedException(store.name() + ": no write acknowledged within " + RECOVERY_WAIT_MILLIS
                + " ms of killing leader " + killed);
    }

    /** The survivors agree on a leader other than the killed node, in a later term. */
    private NodeView awaitNewLeader(NodeView killed) throws InterruptedException {
        List<Integer> survivors = IntStream.rangeClosed(1, FailoverStore.NODE_COUNT)
                .filter(number -> number != killed.number()).boxed().toList();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NEW_LEADER_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            Optional<NodeView> agreed = agreedLeader(survivors);
            if (agreed.isPresent()) {
                check(agreed.get().term() > killed.term(), "the survivors' leader %d is in term %d, not after the "
                        + "killed leader's term %d", agreed.get().number(), agreed.get().term(), killed.term());
                return agreed.get();
            }
            Thread.sleep(POLL_INTERVAL_MILLIS);
        }
        throw new TrialFailedException(store.name() + ": the survivors agreed on no new leader within "
                + NEW_LEADER_WAIT_MILLIS + " ms");
    }

    private long readBack(int node, String key) throws IOException {
        String value = store.read(node, key, READ_TIMEOUT_MILLIS)
                .orElseThrow(() -> new TrialFailedException(store.name() + ": key " + key + " is gone"));
        return Long.parseLong(value);
    }

    private void check(boolean condition, String format, Object... arguments) {
        if (!condition) {
            throw new TrialFailedException(store.name() + ": " + String.format(format, arguments));
        }
    }
}
