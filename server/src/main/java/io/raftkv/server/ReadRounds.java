package io.raftkv.server;

import io.raftkv.api.ServiceException;
import io.raftkv.core.Invariants;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Batches linearizable reads into leadership confirmation rounds, one round in flight at a time. A read that arrives
 * while a round is in flight waits for the next round, because the round in flight captured its commit index before
 * the read arrived and so may miss a write acknowledged just before it. Every read waiting for the next round shares
 * it; at most {@code waitingReadsMax} wait, and a read beyond that fails with {@code OVERLOADED} at once.
 *
 * <p>A round completes with the read index it confirmed, or fails; every read of the round sees the same outcome.
 */
final class ReadRounds {
    /** Reads waiting for the next round, beyond the round in flight. */
    static final int WAITING_READS_MAX = 10_000;

    private final Supplier<CompletableFuture<Long>> round;
    private final int waitingReadsMax;
    private boolean roundInFlight;
    /** The next round's outcome, shared by every read that waits for it; null while none waits. */
    private CompletableFuture<Long> nextRound;
    private int waitingReads;

    /** @param round starts one confirmation round and returns its outcome; it must not block */
    ReadRounds(Supplier<CompletableFuture<Long>> round, int waitingReadsMax) {
        Invariants.check(waitingReadsMax >= 1, "waitingReadsMax must be at least 1, was %d", waitingReadsMax);
        this.round = round;
        this.waitingReadsMax = waitingReadsMax;
    }

    /** The read index of a round that begins after this call: a read may then wait for it to be applied. */
    CompletableFuture<Long> next() {
        CompletableFuture<Long> readIndex;
        synchronized (this) {
            if (roundInFlight) {
                if (waitingReads >= waitingReadsMax) {
                    return CompletableFuture.failedFuture(new ServiceException(ServiceException.Kind.OVERLOADED,
                            waitingReads + " linearizable reads already wait for the next leadership confirmation"));
                }
                waitingReads++;
                if (nextRound == null) {
                    nextRound = new CompletableFuture<>();
                }
                return nextRound;
            }
            roundInFlight = true;
            readIndex = new CompletableFuture<>();
        }
        start(readIndex);
        return readIndex;
    }

    /** Reads waiting for the next round, for tests and status. */
    synchronized int waitingReads() {
        return waitingReads;
    }

    /** Runs one round for {@code readers} outside the lock, then starts the next one if reads wait for it. */
    private void start(CompletableFuture<Long> readers) {
        CompletableFuture<Long> outcome;
        try {
            outcome = round.get();
        } catch (RuntimeException failure) {
            outcome = CompletableFuture.failedFuture(failure);
        }
        outcome.whenComplete((readIndex, failure) -> {
            CompletableFuture<Long> following;
            synchronized (this) {
                following = nextRound;
                nextRound = null;
                waitingReads = 0;
                roundInFlight = following != null;
            }
            if (failure == null) {
                readers.complete(readIndex);
            } else {
                readers.completeExceptionally(failure);
            }
            if (following != null) {
                start(following);
            }
        });
    }
}
