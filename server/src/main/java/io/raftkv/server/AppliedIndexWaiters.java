package io.raftkv.server;

import io.raftkv.api.ServiceException;
import io.raftkv.core.Invariants;

import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads waiting for this node to apply up to their read index. The state machine reports each advance of its applied
 * index ({@link #applied}); waiters whose index it reached are released on {@code releaser}, never on the caller's
 * thread, which is Ratis' apply thread and must not run reads. At most {@code waitersMax} wait; beyond that a read
 * fails with {@code OVERLOADED}.
 */
final class AppliedIndexWaiters {
    /** Reads waiting for the applied index on one node. */
    static final int WAITERS_MAX = 10_000;

    private record Waiter(long index, CompletableFuture<Void> released) {
    }

    private final Executor releaser;
    private final int waitersMax;
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((one, other) -> Long.compare(one.index,
            other.index));
    private long appliedIndex;

    AppliedIndexWaiters(long appliedIndex, Executor releaser, int waitersMax) {
        Invariants.check(waitersMax >= 1, "waitersMax must be at least 1, was %d", waitersMax);
        this.appliedIndex = appliedIndex;
        this.releaser = releaser;
        this.waitersMax = waitersMax;
    }

    /** Completes once the applied index is at least {@code index}: at once if it already is. */
    CompletableFuture<Void> await(long index) {
        synchronized (this) {
            if (index > appliedIndex) {
                if (waiters.size() >= waitersMax) {
                    // Reads that timed out leave their waiter behind until its index is applied; drop them first.
                    waiters.removeIf(waiter -> waiter.released.isDone());
                }
                if (waiters.size() >= waitersMax) {
                    return CompletableFuture.failedFuture(new ServiceException(ServiceException.Kind.OVERLOADED,
                            waiters.size() + " reads already wait for this node to apply their read index"));
                }
                Waiter waiter = new Waiter(index, new CompletableFuture<>());
                waiters.add(waiter);
                return waiter.released;
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** The applied index is now {@code index}; it may repeat, and a lower one (a replay) changes nothing. */
    void applied(long index) {
        synchronized (this) {
            if (index <= appliedIndex) {
                return;
            }
            appliedIndex = index;
            if (waiters.isEmpty() || waiters.peek().index > index) {
                return;
            }
        }
        releaser.execute(this::releaseReached);
    }

    private void releaseReached() {
        while (true) {
            Waiter reached;
            synchronized (this) {
                if (waiters.isEmpty() || waiters.peek().index > appliedIndex) {
                    return;
                }
                reached = waiters.poll();
            }
            reached.released.complete(null);
        }
    }

    synchronized int waiting() {
        return waiters.size();
    }
}
