package io.raftkv.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InitializingMemberWatchTest {
    private static final long ELECTION_TIMEOUT_MILLIS = 1_000;
    private static final long PATIENCE_MILLIS = InitializingMemberWatch.patienceMillis(ELECTION_TIMEOUT_MILLIS);

    private final List<String> stepDownRequests = new ArrayList<>();
    private InitializingMemberWatch.Observation observation;
    private long nowMillis;

    private final InitializingMemberWatch watch = new InitializingMemberWatch("n4", ELECTION_TIMEOUT_MILLIS,
            () -> observation, stepDownRequests::add, () -> nowMillis);

    private void runAt(long millis) {
        nowMillis = millis;
        watch.run();
    }

    @Test
    void aMemberStillInitializingAfterThePatienceAsksItsLeaderToStepDown() {
        observation = new InitializingMemberWatch.Observation(true, true, Optional.of("n1"));

        runAt(0);
        runAt(PATIENCE_MILLIS - 1);
        assertThat(stepDownRequests).isEmpty();

        runAt(PATIENCE_MILLIS);
        assertThat(stepDownRequests).containsExactly("n1");
    }

    @Test
    void itAsksAgainOnlyAfterAnotherPatience() {
        observation = new InitializingMemberWatch.Observation(true, true, Optional.of("n1"));

        runAt(0);
        runAt(PATIENCE_MILLIS);
        runAt(PATIENCE_MILLIS + 1);
        runAt(2 * PATIENCE_MILLIS);

        assertThat(stepDownRequests).containsExactly("n1", "n1");
    }

    @Test
    void aNodeNotYetAMemberIsBeingStagedAndWaits() {
        observation = new InitializingMemberWatch.Observation(true, false, Optional.of("n1"));

        runAt(0);
        runAt(10 * PATIENCE_MILLIS);

        assertThat(stepDownRequests).isEmpty();
    }

    @Test
    void aRunningMemberOrOneWithoutALeaderAsksNothing() {
        observation = new InitializingMemberWatch.Observation(false, true, Optional.of("n1"));
        runAt(0);
        runAt(10 * PATIENCE_MILLIS);
        observation = new InitializingMemberWatch.Observation(true, true, Optional.empty());
        runAt(20 * PATIENCE_MILLIS);
        runAt(30 * PATIENCE_MILLIS);

        assertThat(stepDownRequests).isEmpty();
    }

    @Test
    void leavingTheStateRestartsThePatience() {
        observation = new InitializingMemberWatch.Observation(true, true, Optional.of("n1"));
        runAt(0);
        observation = new InitializingMemberWatch.Observation(false, true, Optional.of("n1"));
        runAt(PATIENCE_MILLIS / 2);
        observation = new InitializingMemberWatch.Observation(true, true, Optional.of("n1"));
        runAt(PATIENCE_MILLIS);
        runAt(PATIENCE_MILLIS + PATIENCE_MILLIS / 2);

        assertThat(stepDownRequests).isEmpty();
    }
}
