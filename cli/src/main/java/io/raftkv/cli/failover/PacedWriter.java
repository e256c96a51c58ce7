package io.raftkv.cli.failover;

import io.raftkv.core.Invariants;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes one key at a steady pace, one write in flight, each through the next node in turn (a dead node refuses the
 * connection at once, so the next write goes to another). Each write stores its own sequence number, so the last
 * acknowledged value can be checked afterwards. Times come from {@link System#nanoTime()}, the clock the trial reads
 * when it kills the leader.
 */
final class PacedWriter implements AutoCloseable {
    /** Acknowledgements kept per trial; at one per few milliseconds a trial of a minute stays far below it. */
    static final int ACKNOWLEDGEMENTS_MAX = 1_000_000;

    private final FailoverStore store;
    private final String key;
    private final long intervalNanos;
    private final long requestTimeoutMillis;
    private final List<Acknowledgement> acknowledgements = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;
    private long sentSequence;
    private long failures;

    /**
     * One acknowledged write.
     *
     * @param sequence  the value written
     * @param sentNanos when the request was sent
     * @param ackNanos  when its acknowledgement arrived
     * @param node      the node it went through
     */
    record Acknowledgement(long sequence, long sentNanos, long ackNanos, int node) {
    }

    PacedWriter(FailoverStore store, String key, long intervalMillis, long requestTimeoutMillis) {
        this.store = store;
        this.key = key;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.thread = Thread.ofPlatform().name("failover-writer").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long nextNanos = System.nanoTime();
        int node = 1;
        while (!stopping) {
            long sequence;
            synchronized (this) {
                sequence = ++sentSequence;
            }
            long sentNanos = System.nanoTime();
            boolean acknowledged = store.write(node, key, Long.toString(sequence), requestTimeoutMillis);
            long answeredNanos = System.nanoTime();
            synchronized (this) {
                if (acknowledged) {
                    Invariants.check(acknowledgements.size() < ACKNOWLEDGEMENTS_MAX, "too many acknowledgements");
                    acknowledgements.add(new Acknowledgement(sequence, sentNanos, answeredNanos, node));
                } else {
                    failures++;
                }
            }
            node = node % FailoverStore.NODE_COUNT + 1;
            nextNanos = Math.max(nextNanos + intervalNanos, answeredNanos);
            LockSupport.parkNanos(nextNanos - System.nanoTime());
        }
    }

    /** The first write sent at or after {@code nanos} that was acknowledged, if any yet. */
    synchronized Optional<Acknowledgement> firstSentSince(long nanos) {
        return acknowledgements.stream().filter(ack -> ack.sentNanos() >= nanos).findFirst();
    }

    synchronized long acknowledgedSince(long nanos) {
        return acknowledgements.stream().filter(ack -> ack.sentNanos() >= nanos).count();
    }

    synchronized Optional<Acknowledgement> lastAcknowledged() {
        return acknowledgements.isEmpty() ? Optional.empty() : Optional.of(acknowledgements.getLast());
    }

    synchronized long sentSequence() {
        return sentSequence;
    }

    synchronized long failures() {
        return failures;
    }

    /** Stops after the write in flight has its answer, so every acknowledgement is counted. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join();
    }
}
