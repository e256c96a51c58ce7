package io.raftkv.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's background work, each task on a scheduled thread of its own: a task that blocks (a leader transfer
 * waits up to two election timeouts) holds up only itself, never the expiry sweeper or the disk guard. A task that
 * throws says so once, loudly, and stops, as a scheduled task does.
 */
final class BackgroundWork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final String nodeId;
    private final Map<String, ScheduledExecutorService> threadsByTask = new HashMap<>();
    private boolean closed;

    BackgroundWork(String nodeId) {
        this.nodeId = nodeId;
    }

    /** Runs {@code task} every {@code intervalMillis} (between the end of a run and the next start). */
    void every(String taskName, long initialDelayMillis, long intervalMillis, Runnable task) {
        thread(taskName).ifPresent(thread -> thread.scheduleWithFixedDelay(loudly(taskName, task), initialDelayMillis,
                intervalMillis, TimeUnit.MILLISECONDS));
    }

    /** Runs {@code task} once after {@code delayMillis}, on the thread of that task name; nothing once closed. */
    void once(String taskName, long delayMillis, Runnable task) {
        thread(taskName).ifPresent(thread -> {
            try {
                thread.schedule(loudly(taskName, task), delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // The node is stopping: the task is no longer needed.
            }
        });
    }

    private synchronized Optional<ScheduledExecutorService> thread(String taskName) {
        if (closed) {
            return Optional.empty();
        }
        return Optional.of(threadsByTask.computeIfAbsent(taskName,
                name -> Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "raftkv-" + name + "-" + nodeId);
                    thread.setDaemon(true);
                    return thread;
                })));
    }

    private Runnable loudly(String taskName, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException failure) {
                LOG.error("node {}: background task {} failed", nodeId, taskName, failure);
                throw failure;
            }
        };
    }

    @Override
    public void close() {
        List<ScheduledExecutorService> threads;
        synchronized (this) {
            closed = true;
            threads = new ArrayList<>(threadsByTask.values());
        }
        threads.forEach(ScheduledExecutorService::shutdownNow);
    }
}
