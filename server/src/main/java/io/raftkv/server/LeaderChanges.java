package io.raftkv.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells whoever waits for a leader that something changed: a new leader is known, or this node's leadership became
 * ready. A proposal refused with "not leader" or "leader not ready" waits here, for at most a short cap, instead of
 * sleeping a fixed time. At most one waiter per batch in flight, so the set of waiters is bounded by the batcher.
 */
final class LeaderChanges {
    private final Set<Runnable> waiters = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor;

    /** @param executor runs the waiting tasks; never Ratis' event thread, which must not run a resend */
    LeaderChanges(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Called from Ratis' event threads: hands every waiter to the executor. */
    void changed() {
        for (Runnable waiter : waiters) {
            if (waiters.remove(waiter)) {
                try {
                    executor.execute(waiter);
                } catch (RejectedExecutionException stopping) {
                    return;
                }
            }
        }
    }

    /**
     * Runs {@code task} once, on the executor, at the next change or after {@code waitMillisMax}, whichever first.
     * Returns false, and never runs the task, once the executor was shut down (the node is stopping).
     */
    boolean runAtNextChangeOrAfter(long waitMillisMax, Runnable task) {
        AtomicBoolean ran = new AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                task.run();
            }
        };
        try {
            executor.schedule(() -> {
                waiters.remove(once);
                once.run();
            }, waitMillisMax, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            return false;
        }
        waiters.add(once);
        return true;
    }
}
