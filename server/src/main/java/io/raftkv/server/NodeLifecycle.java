package io.raftkv.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the node is stopping by request, and a future that completes if Ratis closes the state machine while
 * it is not: applying an entry failed (corruption, an I/O error), so the node must stop loudly.
 */
final class NodeLifecycle {
    /**
     * Ratis closes a removed node's state machine just before it reports why (a vote answer said the node is no
     * longer a member); an unrequested close counts as fatal only if no such report came within this time.
     */
    static final long REMOVAL_NOTICE_WAIT_MILLIS = 2_000;

    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<String> stoppedUnexpectedly = new CompletableFuture<>();
    private final CompletableFuture<String> removed = new CompletableFuture<>();

    void stateMachineClosed() {
        if (!closing.get()) {
            CompletableFuture.delayedExecutor(REMOVAL_NOTICE_WAIT_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
                if (!removed.isDone()) {
                    stoppedUnexpectedly.complete(
                            "Ratis closed the state machine after a fatal error (see the log above)");
                }
            });
        }
    }

    /** Writing the Raft log failed: nothing more can be appended until the process restarts, so it must stop. */
    void logFailed(String reason) {
        // A node that is stopping, or was removed, may see its last writes fail as Ratis closes the log.
        if (!closing.get() && !removed.isDone()) {
            stoppedUnexpectedly.complete(reason + ". Free space on (or repair) the data directory's disk and start "
                    + "the node again; if it then refuses to start, replace it (" + DataDirectoryCheck.REPLACE_A_NODE
                    + ")");
        }
    }

    /** The node is no longer a member (or could not become one): it must stop serving. */
    void removedFromCluster(String reason) {
        if (!closing.get()) {
            removed.complete(reason);
        }
    }

    boolean closing() {
        return closing.get();
    }

    /** The node stops by request: what fails from now on is part of stopping, not a fault. */
    void startClosing() {
        closing.set(true);
    }

    /** Completes, with the reason, if the node stopped working without being asked to. */
    CompletableFuture<String> stoppedUnexpectedly() {
        return stoppedUnexpectedly;
    }

    /** Completes, with the reason, once the node is no longer a member (or could not become one). */
    CompletableFuture<String> removed() {
        return removed;
    }
}
