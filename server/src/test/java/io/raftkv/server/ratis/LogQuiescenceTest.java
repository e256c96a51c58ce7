package io.raftkv.server.ratis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogQuiescenceTest {
    /** A clock that moves only when the wait sleeps, and a log whose indexes follow a script by time. */
    private static final class ScriptedLog implements LogQuiescence.Log, LogQuiescence.Clock {
        long nowMillis;
        long appendedIndex;
        long flushedIndex;
        final List<long[]> changesAtMillis = new ArrayList<>();

        ScriptedLog(long appendedIndex, long flushedIndex) {
            this.appendedIndex = appendedIndex;
            this.flushedIndex = flushedIndex;
        }

        ScriptedLog at(long millis, long newAppendedIndex, long newFlushedIndex) {
            changesAtMillis.add(new long[] {millis, newAppendedIndex, newFlushedIndex});
            return this;
        }

        @Override
        public long lastAppendedIndex() {
            return appendedIndex;
        }

        @Override
        public long flushedIndex() {
            return flushedIndex;
        }

        @Override
        public long nowMillis() {
            return nowMillis;
        }

        @Override
        public void sleepMillis(long millis) {
            nowMillis += millis;
            for (long[] change : changesAtMillis) {
                if (change[0] <= nowMillis) {
                    appendedIndex = change[1];
                    flushedIndex = change[2];
                }
            }
        }
    }

    @Test
    void quietFlushedLogIsReadyAfterTheQuietPeriod() throws InterruptedException {
        ScriptedLog log = new ScriptedLog(100, 100);

        assertThat(LogQuiescence.await(log, log)).isTrue();
        assertThat(log.nowMillis).isBetween(LogQuiescence.QUIET_MILLIS,
                LogQuiescence.QUIET_MILLIS + LogQuiescence.POLL_MILLIS);
    }

    @Test
    void staleAppendArrivingDuringTheWaitRestartsTheQuietPeriod() throws InterruptedException {
        ScriptedLog log = new ScriptedLog(100, 100).at(150, 105, 100).at(190, 105, 105);

        assertThat(LogQuiescence.await(log, log)).isTrue();
        assertThat(log.nowMillis).isGreaterThanOrEqualTo(150 + LogQuiescence.QUIET_MILLIS);
    }

    @Test
    void unflushedEntriesKeepTheWaitGoing() throws InterruptedException {
        ScriptedLog log = new ScriptedLog(100, 90).at(1_000, 100, 100);

        assertThat(LogQuiescence.await(log, log)).isTrue();
        assertThat(log.nowMillis).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void logThatNeverSettlesGivesUpAtTheLimit() throws InterruptedException {
        ScriptedLog log = new ScriptedLog(100, 0);

        assertThat(LogQuiescence.await(log, log)).isFalse();
        assertThat(log.nowMillis).isGreaterThanOrEqualTo(LogQuiescence.WAIT_MILLIS_MAX);
    }
}
