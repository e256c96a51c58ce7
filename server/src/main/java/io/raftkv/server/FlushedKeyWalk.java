package io.raftkv.server;

import io.raftkv.core.Bytes;
import io.raftkv.statemachine.FlushedKeys;
import io.raftkv.statemachine.KvStateMachine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sweeper's walk over the keys a flush_all hid: page after page from where the last one stopped, starting over
 * when a newer flush takes effect, and resting once a whole walk has listed everything the current flush left. A
 * walk whose sweep may not have applied (a failed proposal, a leadership change) starts over, so nothing is missed.
 *
 * <p>Only the sweeper's thread calls {@link #nextKeys}; {@link #restart} may come from any thread.
 */
final class FlushedKeyWalk {
    private final AtomicBoolean restartRequested = new AtomicBoolean();
    private Optional<Bytes> resumeAfter = Optional.empty();
    /** The flushed-through revision the current walk lists keys for. */
    private long walkRevision;
    /** The flushed-through revision for which a whole walk has been listed; 0 means no flush needs one. */
    private long completedRevision;

    /** Up to {@code max} more flushed keys, or none when the walk is complete or there is nothing to walk. */
    List<Bytes> nextKeys(KvStateMachine machine, int max) {
        if (restartRequested.getAndSet(false)) {
            resumeAfter = Optional.empty();
            completedRevision = 0;
        }
        long flushedThroughRevision = machine.flushedThroughRevision();
        if (flushedThroughRevision != walkRevision) {
            // Keys behind the cursor may be flushed now too: the new flush needs a walk of its own.
            walkRevision = flushedThroughRevision;
            resumeAfter = Optional.empty();
        }
        if (flushedThroughRevision == completedRevision || max <= 0) {
            return List.of();
        }
        FlushedKeys page = machine.flushedKeys(resumeAfter, max);
        resumeAfter = page.resumeAfter();
        if (page.complete()) {
            completedRevision = flushedThroughRevision;
        }
        return page.keys();
    }

    /** Walks again from the first key at the next call. */
    void restart() {
        restartRequested.set(true);
    }
}
