package io.raftkv.server.ratis;

import java.util.function.LongSupplier;

/**
 * Waits until the local Raft log has stopped growing and everything appended to it is on disk.
 *
 * <p>Why: Ratis 3.3 races when a follower installs a snapshot from the leader while appendEntries that arrived just
 * before are still being appended. Ratis checks an appendEntries, then appends its entries asynchronously; the
 * snapshot install meanwhile resets the log writer to the snapshot index, and an older entry that reaches the writer
 * afterwards trips its "lastWrittenIndex + 1 == entry index" precondition, which stops the server. A partition that
 * heals does exactly this: the leader's stalled appends arrive by TCP retransmission while it already sends the
 * snapshot. Ratis calls {@code StateMachine.pause()} right before it publishes the snapshot, so the state machine
 * waits there until the stale appends have drained; entries sent after the install began are rejected by Ratis.
 */
final class LogQuiescence {
    /** The log must stay unchanged this long: a stale append is queued within milliseconds of its check. */
    static final long QUIET_MILLIS = 200;
    /** The install waits no longer than this; a log that keeps growing that long is not draining stale appends. */
    static final long WAIT_MILLIS_MAX = 5_000;
    static final long POLL_MILLIS = 10;

    private LogQuiescence() {
    }

    /** How the wait reads the log and passes time; production uses the Raft log and the monotonic clock. */
    interface Log {
        long lastAppendedIndex();

        long flushedIndex();
    }

    interface Clock {
        long nowMillis();

        void sleepMillis(long millis) throws InterruptedException;
    }

    /**
     * Returns true once the log has been flushed up to its last entry and has not changed for {@link #QUIET_MILLIS};
     * false if that did not happen within {@link #WAIT_MILLIS_MAX}.
     */
    static boolean await(Log log, Clock clock) throws InterruptedException {
        long startMillis = clock.nowMillis();
        long lastSeenIndex = log.lastAppendedIndex();
        long quietSinceMillis = startMillis;
        while (clock.nowMillis() - startMillis < WAIT_MILLIS_MAX) {
            long appendedIndex = log.lastAppendedIndex();
            if (appendedIndex != lastSeenIndex) {
                lastSeenIndex = appendedIndex;
                quietSinceMillis = clock.nowMillis();
            } else if (log.flushedIndex() >= appendedIndex
                    && clock.nowMillis() - quietSinceMillis >= QUIET_MILLIS) {
                return true;
            }
            clock.sleepMillis(POLL_MILLIS);
        }
        return false;
    }

    static Clock systemClock() {
        return new Clock() {
            @Override
            public long nowMillis() {
                return System.nanoTime() / 1_000_000;
            }

            @Override
            public void sleepMillis(long millis) throws InterruptedException {
                Thread.sleep(millis);
            }
        };
    }

    static Log of(LongSupplier lastAppendedIndex, LongSupplier flushedIndex) {
        return new Log() {
            @Override
            public long lastAppendedIndex() {
                return lastAppendedIndex.getAsLong();
            }

            @Override
            public long flushedIndex() {
                return flushedIndex.getAsLong();
            }
        };
    }
}
