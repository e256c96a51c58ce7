package io.raftkv.server;

import io.raftkv.api.ClusterMember;
import io.raftkv.api.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MembershipViewTest {
    private static final long ALIVE_WITHIN_MILLIS = 3_000;
    private static final MembershipView.Entry N1 = new MembershipView.Entry("n1", "127.0.0.1:9081");
    private static final MembershipView.Entry N2 = new MembershipView.Entry("n2", "127.0.0.1:9082");
    private static final MembershipView.Entry N3 = new MembershipView.Entry("n3", "127.0.0.1:9083");
    private static final MembershipView.Entry N4 = new MembershipView.Entry("n4", "127.0.0.1:9084");

    private static MembershipView view(List<MembershipView.Entry> voters, List<MembershipView.Entry> learners,
                                       Map<String, Long> lastContactMillis) {
        return new MembershipView("n1", voters, learners, false, 100, Map.of("n1", 100L, "n2", 90L),
                lastContactMillis);
    }

    private static MembershipView threeVotersAllAlive() {
        return view(List.of(N1, N2, N3), List.of(), Map.of("n2", 10L, "n3", 20L));
    }

    @Test
    void quorumNeedsAStrictMajority() {
        assertThat(Quorum.majority(1)).isEqualTo(1);
        assertThat(Quorum.majority(2)).isEqualTo(2);
        assertThat(Quorum.majority(3)).isEqualTo(2);
        assertThat(Quorum.majority(4)).isEqualTo(3);
        assertThat(Quorum.majority(5)).isEqualTo(3);
        assertThat(Quorum.isMajority(2, 4)).isFalse();
        assertThat(Quorum.isMajority(3, 4)).isTrue();
    }

    @Test
    void addingAsLearnerKeepsTheVoters() {
        MembershipView.Change change = threeVotersAllAlive().add("n4", N4.raftAddress(), true);

        assertThat(change.voters()).containsExactly(N1, N2, N3);
        assertThat(change.learners()).containsExactly(N4);
        assertThat(change.description()).isEqualTo("add n4 at 127.0.0.1:9084 as a learner");
    }

    @Test
    void anAddressInUseIsRefused() {
        assertThatThrownBy(() -> threeVotersAllAlive().add("n4", N2.raftAddress(), false))
                .isInstanceOf(ServiceException.class)
                .hasMessage("Raft address 127.0.0.1:9082 is already used by member n2");
    }

    @Test
    void promotingMovesALearnerToTheVoters() {
        MembershipView view = view(List.of(N1, N2, N3), List.of(N4), Map.of());

        MembershipView.Change change = view.promote("n4");

        assertThat(change.voters()).containsExactly(N1, N2, N3, N4);
        assertThat(change.learners()).isEmpty();
    }

    @Test
    void removingADeadVoterLeavingAReachableMajorityIsAllowed() {
        MembershipView view = view(List.of(N1, N2, N3), List.of(), Map.of("n2", 10L, "n3", 60_000L));

        assertThat(view.remove("n3", false, ALIVE_WITHIN_MILLIS).voters()).containsExactly(N1, N2);
    }

    @Test
    void removingALiveVoterWhileAnotherIsDeadIsRefusedUnlessForced() {
        MembershipView view = view(List.of(N1, N2, N3), List.of(), Map.of("n2", 10L, "n3", 60_000L));

        assertThatThrownBy(() -> view.remove("n2", false, ALIVE_WITHIN_MILLIS))
                .isInstanceOfSatisfying(ServiceException.class,
                        refused -> assertThat(refused.kind()).isEqualTo(ServiceException.Kind.INVALID))
                .hasMessage("refused: would leave 1 of 2 voters reachable, no quorum; use --force to do it anyway");
        assertThat(view.remove("n2", true, ALIVE_WITHIN_MILLIS).description()).isEqualTo("remove voter n2 (forced)");
    }

    @Test
    void aVoterTheLeaderNeverHeardFromCountsAsUnreachable() {
        MembershipView view = view(List.of(N1, N2, N3, N4), List.of(), Map.of("n2", 10L));

        assertThatThrownBy(() -> view.remove("n2", false, ALIVE_WITHIN_MILLIS))
                .hasMessageContaining("would leave 1 of 3 voters reachable");
    }

    @Test
    void theLastMemberIsAlwaysRefusedEvenWithForce() {
        MembershipView view = view(List.of(N1), List.of(), Map.of());

        assertThatThrownBy(() -> view.remove("n1", true, ALIVE_WITHIN_MILLIS))
                .hasMessageStartingWith("refused: n1 is the last member")
                .hasMessageContaining("add the new member first, then remove this one");
    }

    @Test
    void theOnlyVoterBesideLearnersIsRefused() {
        MembershipView view = view(List.of(N1), List.of(N4), Map.of());

        assertThatThrownBy(() -> view.remove("n1", true, ALIVE_WITHIN_MILLIS))
                .hasMessageContaining("n1 is the only voter").hasMessageContaining("raftkv member promote");
    }

    @Test
    void aLearnerIsRemovedWithoutAQuorumCheck() {
        MembershipView view = view(List.of(N1, N2, N3), List.of(N4), Map.of());

        assertThat(view.remove("n4", false, ALIVE_WITHIN_MILLIS).learners()).isEmpty();
    }

    @Test
    void aChangeDuringAJointConfigurationIsRetryable() {
        MembershipView view = new MembershipView("n1", List.of(N1, N2, N3), List.of(), true, 0, Map.of(), Map.of());

        assertThatThrownBy(() -> view.add("n4", N4.raftAddress(), true))
                .isInstanceOfSatisfying(ServiceException.class,
                        busy -> assertThat(busy.kind()).isEqualTo(ServiceException.Kind.UNAVAILABLE));
    }

    @Test
    void membersCarryRoleLeaderFlagLagAndHttpAddress() {
        MembershipView view = view(List.of(N1, N2), List.of(N4), Map.of("n2", 10L));

        List<ClusterMember> members = view.members(Map.of("n1", "127.0.0.1:8081"));

        assertThat(members).extracting(ClusterMember::id).containsExactly("n1", "n2", "n4");
        assertThat(members.get(0).leader()).isTrue();
        assertThat(members.get(0).httpAddress()).contains("127.0.0.1:8081");
        assertThat(members.get(1).lagEntries()).hasValue(10);
        assertThat(members.get(1).lastContactMillis()).hasValue(10);
        assertThat(members.get(2).role()).isEqualTo(ClusterMember.Role.LEARNER);
        assertThat(members.get(2).lagEntries()).isEmpty();
    }

    @Test
    void aViewHoldsAChangeOnlyWithTheSameVotersAndLearners() {
        MembershipView.Change removal = threeVotersAllAlive().remove("n3", false, ALIVE_WITHIN_MILLIS);

        assertThat(view(List.of(N2, N1), List.of(), Map.of()).holds(removal)).isTrue();
        assertThat(threeVotersAllAlive().holds(removal)).isFalse();
        assertThat(view(List.of(N1, N2), List.of(N3), Map.of()).holds(removal)).isFalse();
    }

    @Test
    void aJoiningNodeIsAddedThenPromotedOnceCaughtUp() {
        MembershipView notYet = threeVotersAllAlive();
        MembershipView behind = new MembershipView("n1", List.of(N1, N2, N3), List.of(N4), false, 1_000,
                Map.of("n4", 1_000L - MemberJoin.PROMOTION_LAG_ENTRIES_MAX - 1), Map.of());
        MembershipView caughtUp = new MembershipView("n1", List.of(N1, N2, N3), List.of(N4), false, 1_000,
                Map.of("n4", 1_000L - MemberJoin.PROMOTION_LAG_ENTRIES_MAX), Map.of());

        assertThat(MemberJoin.JoinStep.decide("n4", N4.raftAddress(), false, notYet))
                .isInstanceOf(MemberJoin.JoinStep.Next.AddAsLearner.class);
        assertThat(MemberJoin.JoinStep.decide("n4", N4.raftAddress(), false, behind))
                .isInstanceOf(MemberJoin.JoinStep.Next.Wait.class);
        assertThat(MemberJoin.JoinStep.decide("n4", N4.raftAddress(), false, caughtUp))
                .isEqualTo(new MemberJoin.JoinStep.Next.Promote(MemberJoin.PROMOTION_LAG_ENTRIES_MAX));
        assertThat(MemberJoin.JoinStep.decide("n4", N4.raftAddress(), true, caughtUp))
                .isInstanceOf(MemberJoin.JoinStep.Next.Done.class);
    }

    @Test
    void aJoiningNodeWhoseIdIsTakenElsewhereIsRefused() {
        assertThat(MemberJoin.JoinStep.decide("n3", "127.0.0.1:9999", false, threeVotersAllAlive()))
                .isEqualTo(new MemberJoin.JoinStep.Next.Refused("id n3 is already a member at 127.0.0.1:9083; pick "
                        + "another id, or `raftkv member remove n3` first if it is being replaced"));
    }
}
