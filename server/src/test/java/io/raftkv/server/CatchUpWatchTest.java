package io.raftkv.server;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpWatchTest {
    private final AtomicLong nowMillis = new AtomicLong(1_000);
    private final AtomicReference<Optional<CatchUpWatch.Observation>> seen = new AtomicReference<>(Optional.empty());
    private final CatchUpWatch watch = new CatchUpWatch("n1", seen::get, nowMillis::get);

    private void leaderAt(long leaderCommitIndex, long appliedIndex) {
        seen.set(Optional.of(new CatchUpWatch.Observation("n2", leaderCommitIndex, appliedIndex)));
        watch.check();
    }

    @Test
    void notCaughtUpWhileNoLeaderAnswers() {
        watch.check();

        assertThat(watch.caughtUp()).isFalse();
    }

    @Test
    void notCaughtUpWhileFartherBehindTheLeaderThanTheMargin() {
        leaderAt(6_353, 6_353 - CatchUpWatch.CAUGHT_UP_LAG_ENTRIES_MAX - 1);

        assertThat(watch.caughtUp()).isFalse();
    }

    @Test
    void caughtUpOnceWithinTheMarginOfTheLeadersCommitIndex() {
        leaderAt(6_353, 2_570);
        leaderAt(7_925, 7_925 - CatchUpWatch.CAUGHT_UP_LAG_ENTRIES_MAX);

        assertThat(watch.caughtUp()).isTrue();
    }

    @Test
    void staysCaughtUpWhenTheLeaderMovesAheadLater() {
        leaderAt(10, 10);
        leaderAt(100_000, 10);

        assertThat(watch.caughtUp()).isTrue();
    }

    @Test
    void anAppliedIndexAheadOfTheLeadersAnswerCountsAsCaughtUp() {
        leaderAt(40, 45);

        assertThat(watch.caughtUp()).isTrue();
        assertThat(new CatchUpWatch.Observation("n2", 40, 45).lagEntries()).isZero();
    }
}
