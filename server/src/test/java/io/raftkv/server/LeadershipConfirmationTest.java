package io.raftkv.server;

import io.raftkv.server.LeadershipConfirmation.Outcome;
import org.junit.jupiter.api.Test;

import io.raftkv.api.ServiceException;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadershipConfirmationTest {
    private static final long TERM = 7;
    private static final Set<String> THREE = Set.of("n1", "n2", "n3");
    private static final Set<String> FIVE = Set.of("n1", "n2", "n3", "n4", "n5");
    /** Long enough never to fire in a test that does not wait for it. */
    private static final long ANSWER_TIMEOUT_MILLIS_LONG = 60_000;
    /** Short, for the test of silence: the assertion waits for the outcome, not for a time. */
    private static final long ANSWER_TIMEOUT_MILLIS_SHORT = 50;

    @Test
    void oneFollowerReportingTheLeadersTermConfirmsInThreeVoters() {
        LeadershipConfirmation round = new LeadershipConfirmation("n1", TERM, THREE, Set.of());

        assertThat(round.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(round.votersToAsk()).containsExactlyInAnyOrder("n2", "n3");
        assertThat(round.answered("n2", TERM)).isEqualTo(Outcome.CONFIRMED);
    }

    @Test
    void aSingleVoterConfirmsItselfWithoutAsking() {
        LeadershipConfirmation round = new LeadershipConfirmation("n1", TERM, Set.of("n1"), Set.of());

        assertThat(round.outcome()).isEqualTo(Outcome.CONFIRMED);
        assertThat(round.votersToAsk()).isEmpty();
    }

    @Test
    void fiveVotersNeedTwoFollowersBesidesTheLeader() {
        LeadershipConfirmation round = new LeadershipConfirmation("n1", TERM, FIVE, Set.of());

        assertThat(round.answered("n2", TERM)).isEqualTo(Outcome.PENDING);
        assertThat(round.answered("n2", TERM)).as("the same voter twice counts once").isEqualTo(Outcome.PENDING);
        assertThat(round.answered("n5", TERM)).isEqualTo(Outcome.CONFIRMED);
    }

    @Test
    void aNewerTermDeposesTheLeaderEvenAfterOthersConfirmedNothingYet() {
        LeadershipConfirmation round = new LeadershipConfirmation("n1", TERM, FIVE, Set.of());

        assertThat(round.answered("n2", TERM)).isEqualTo(Outcome.PENDING);
        assertThat(round.answered("n3", TERM + 1)).isEqualTo(Outcome.DEPOSED);
        assertThat(round.answered("n4", TERM)).as("a failed round stays failed").isEqualTo(Outcome.DEPOSED);
    }

    @Test
    void anOlderTermDoesNotConfirm() {
        LeadershipConfirmation round = new LeadershipConfirmation("n1", TERM, THREE, Set.of());

        assertThat(round.answered("n2", TERM - 1)).isEqualTo(Outcome.PENDING);
        assertThat(round.answered("n3", TERM - 1)).isEqualTo(Outcome.UNREACHABLE);
    }

    @Test
    void silentVotersMakeTheRoundUnreachableOnceNoMajorityIsLeft() {
        LeadershipConfirmation round = new LeadershipConfirmation("n1", TERM, THREE, Set.of());

        assertThat(round.unanswered("n2")).isEqualTo(Outcome.PENDING);
        assertThat(round.unanswered("n3")).isEqualTo(Outcome.UNREACHABLE);
        assertThat(round.answered("n2", TERM)).as("a late answer changes nothing").isEqualTo(Outcome.UNREACHABLE);
    }

    @Test
    void answersFromNodesThatAreNotVotersDoNotCount() {
        LeadershipConfirmation round = new LeadershipConfirmation("n1", TERM, THREE, Set.of());

        assertThat(round.answered("learner", TERM)).isEqualTo(Outcome.PENDING);
        assertThat(round.answered("learner", TERM + 1)).isEqualTo(Outcome.PENDING);
        assertThat(round.unanswered("learner")).isEqualTo(Outcome.PENDING);
        assertThat(round.answered("n3", TERM)).isEqualTo(Outcome.CONFIRMED);
    }

    @Test
    void aJointConfigurationNeedsAMajorityOfBothSides() {
        // Moving from {n1,n2,n3} to {n1,n4,n5}: n2 alone is a majority of the old side, not of the new.
        LeadershipConfirmation round = new LeadershipConfirmation("n1", TERM, Set.of("n1", "n4", "n5"), THREE);

        assertThat(round.votersToAsk()).containsExactlyInAnyOrder("n2", "n3", "n4", "n5");
        assertThat(round.answered("n2", TERM)).isEqualTo(Outcome.PENDING);
        assertThat(round.answered("n4", TERM)).isEqualTo(Outcome.CONFIRMED);
    }

    @Test
    void aJointConfigurationIsUnreachableWhenEitherSideIs() {
        LeadershipConfirmation round = new LeadershipConfirmation("n1", TERM, Set.of("n1", "n4", "n5"), THREE);

        assertThat(round.answered("n2", TERM)).isEqualTo(Outcome.PENDING);
        assertThat(round.unanswered("n4")).isEqualTo(Outcome.PENDING);
        assertThat(round.unanswered("n5")).isEqualTo(Outcome.UNREACHABLE);
    }

    @Test
    void aLeaderOutsideTheNewConfigurationCountsOnlyOnTheOldSide() {
        // n1 leads while it removes itself: {n1,n2,n3} to {n2,n3,n4}.
        LeadershipConfirmation round = new LeadershipConfirmation("n1", TERM, Set.of("n2", "n3", "n4"), THREE);

        assertThat(round.answered("n2", TERM)).as("old side confirmed, new side has one of three")
                .isEqualTo(Outcome.PENDING);
        assertThat(round.answered("n4", TERM)).isEqualTo(Outcome.CONFIRMED);
    }

    @Test
    void aRunCompletesWithTheReadIndexOnceAMajorityAnswersTheLeadersTerm() throws Exception {
        Map<String, CompletableFuture<Long>> answers = Map.of("n2", new CompletableFuture<>(),
                "n3", new CompletableFuture<>());
        CompletableFuture<Long> round = new LeadershipConfirmation("n1", TERM, THREE, Set.of())
                .run(40, answers::get, ANSWER_TIMEOUT_MILLIS_LONG);

        assertThat(round).isNotDone();
        answers.get("n3").complete(TERM);
        assertThat(round.get()).isEqualTo(40);
    }

    @Test
    void aRunFailsUnavailableWhenAVoterReportsANewerTerm() {
        CompletableFuture<Long> round = new LeadershipConfirmation("n1", TERM, THREE, Set.of())
                .run(40, voter -> CompletableFuture.completedFuture(TERM + 1), ANSWER_TIMEOUT_MILLIS_LONG);

        assertUnavailable(round, "newer than leader n1's term 7");
    }

    @Test
    void aRunFailsUnavailableWhenNoMajorityAnswersInTime() {
        CompletableFuture<Long> round = new LeadershipConfirmation("n1", TERM, THREE, Set.of())
                .run(40, voter -> new CompletableFuture<>(), ANSWER_TIMEOUT_MILLIS_SHORT);

        assertUnavailable(round, "could not reach a majority");
    }

    @Test
    void aRunWhoseQuestionsFailOrThrowFailsUnavailable() {
        CompletableFuture<Long> round = new LeadershipConfirmation("n1", TERM, THREE, Set.of())
                .run(40, voter -> {
                    if (voter.equals("n2")) {
                        throw new IllegalStateException("no address for n2");
                    }
                    return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
                }, ANSWER_TIMEOUT_MILLIS_LONG);

        assertUnavailable(round, "could not reach a majority");
    }

    private static void assertUnavailable(CompletableFuture<Long> round, String message) {
        assertThatThrownBy(round::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ServiceException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ServiceException.Kind.UNAVAILABLE);
                    assertThat(failure.getMessage()).contains(message);
                });
    }
}
