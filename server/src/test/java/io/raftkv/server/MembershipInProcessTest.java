package io.raftkv.server;

import io.raftkv.api.ClusterMember;
import io.raftkv.api.ServiceException;
import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.NoSpaceAlarm;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.RaiseNoSpaceAlarm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Membership changes and joining on nodes in one JVM, talking Ratis over loopback. */
@Tag("integration")
class MembershipInProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long ELECTION_TIMEOUT_MILLIS = 300;
    private static final long SNAPSHOT_EVERY_ENTRIES = 50;
    private static final int KEYS = 300;

    @TempDir
    Path directory;

    private final List<RaftKvNode> nodes = new ArrayList<>();
    private final List<NodeConfig.Peer> peers = new ArrayList<>();

    @BeforeEach
    void startCluster() throws IOException {
        for (int number = 1; number <= 3; number++) {
            peers.add(new NodeConfig.Peer("n" + number, "127.0.0.1", freePort()));
        }
        for (NodeConfig.Peer peer : peers) {
            nodes.add(RaftKvNode.start(NodeConfig.bootstrap(peer.id(), peers, directory.resolve(peer.id()),
                    NodeConfig.StorageKind.MEMORY, Limits.DEFAULT, SNAPSHOT_EVERY_ENTRIES, ELECTION_TIMEOUT_MILLIS,
                    5_000)));
        }
        await().atMost(WAIT).until(() -> nodes.stream().allMatch(node -> node.status().ready()));
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(RaftKvNode::close);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private RaftKvNode node(String id) {
        return nodes.stream().filter(node -> node.status().nodeId().equals(id)).findFirst().orElseThrow();
    }

    private String leaderId() {
        return nodes.getFirst().status().leaderId().orElseThrow();
    }

    private String aFollowerId() {
        String leader = leaderId();
        return peers.stream().map(NodeConfig.Peer::id).filter(id -> !id.equals(leader)).findFirst().orElseThrow();
    }

    private void writeKeys() {
        for (int index = 0; index < KEYS; index++) {
            nodes.getFirst().write(Put.of(Bytes.utf8("key-" + index), Bytes.utf8("v" + index)), Optional.empty())
                    .join();
        }
    }

    private RaftKvNode join(String id, boolean learner) throws IOException {
        NodeConfig.Peer self = new NodeConfig.Peer(id, "127.0.0.1", freePort());
        NodeConfig config = new NodeConfig(id, self, peers, Optional.of(new NodeConfig.Join("in-process", learner)),
                Optional.of(nodes.getFirst().status().clusterId()), directory.resolve(id),
                NodeConfig.StorageKind.MEMORY, Limits.DEFAULT, SNAPSHOT_EVERY_ENTRIES, ELECTION_TIMEOUT_MILLIS, 5_000,
                0);
        RaftKvNode joined = RaftKvNode.start(config);
        nodes.add(joined);
        return joined;
    }

    private Optional<ClusterMember> member(String id) {
        return nodes.getFirst().members().join().stream().filter(member -> member.id().equals(id)).findFirst();
    }

    private static ServiceException refusal(Runnable call) {
        try {
            call.run();
        } catch (CompletionException failure) {
            return (ServiceException) failure.getCause();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void membersListsEveryVoterWithTheLeaderFlagAndLag() {
        List<ClusterMember> members = node(aFollowerId()).members().join();

        assertThat(members).extracting(ClusterMember::id).containsExactlyInAnyOrder("n1", "n2", "n3");
        assertThat(members).allMatch(member -> member.role() == ClusterMember.Role.VOTER);
        assertThat(members).filteredOn(ClusterMember::leader).extracting(ClusterMember::id)
                .containsExactly(leaderId());
        assertThat(members).allMatch(member -> member.lagEntries().isPresent());
    }

    @Test
    void aJoiningNodeCatchesUpByASnapshotAndIsPromotedToVoter() throws IOException {
        writeKeys();
        RaftKvNode joined = join("n4", false);

        await().atMost(WAIT).until(() -> member("n4").map(member -> member.role() == ClusterMember.Role.VOTER)
                .orElse(false));
        long revision = nodes.getFirst().status().revision();
        await().atMost(WAIT).until(() -> joined.status().revision() >= revision);
        assertThat(joined.removedFromCluster()).isNotDone();
    }

    /**
     * A node that joined and was promoted must vote: after one original member is removed and the leader stops, the
     * remaining original member can only be elected with the joined node's vote. Ratis 3.3 left such a node in its
     * start-up state, refusing votes, until a leader change (see {@link InitializingMemberWatch}).
     */
    @Test
    void aJoinedNodeVotesSoTheClusterElectsALeaderAfterLosingOne() throws IOException {
        RaftKvNode joined = join("n4", false);
        // The step-down that ends the initializing state leaves the cluster without a leader for a moment.
        await().atMost(WAIT).ignoreExceptions().until(() -> member("n4")
                .map(member -> member.role() == ClusterMember.Role.VOTER).orElse(false) && !joined.raftInitializing());
        String leader = leaderId();
        String removed = aFollowerId();
        node(leader).removeMember(removed, false).join();
        RaftKvNode survivor = nodes.stream().filter(node -> node != joined)
                .filter(node -> !node.status().nodeId().equals(leader) && !node.status().nodeId().equals(removed))
                .findFirst().orElseThrow();

        RaftKvNode stopped = node(leader);
        nodes.remove(stopped);
        stopped.close();

        await().atMost(WAIT).until(() -> survivor.status().leaderId().filter(id -> !id.equals(leader)).isPresent());
        survivor.write(Put.of(Bytes.utf8("after"), Bytes.utf8("election")), Optional.empty()).join();
    }

    @Test
    void aJoiningNodeWithLearnerStaysALearner() throws IOException {
        RaftKvNode joined = join("n4", true);

        await().atMost(WAIT).until(() -> member("n4").isPresent());
        await().atMost(WAIT).until(() -> joined.status().revision() >= nodes.getFirst().status().revision());
        assertThat(member("n4").orElseThrow().role()).isEqualTo(ClusterMember.Role.LEARNER);

        List<ClusterMember> promoted = node(aFollowerId()).promoteMember("n4").join();
        assertThat(promoted).filteredOn(member -> member.id().equals("n4")).extracting(ClusterMember::role)
                .containsExactly(ClusterMember.Role.VOTER);
        await().atMost(WAIT).until(() -> !joined.raftInitializing());
    }

    @Test
    void aRemovedFollowerLearnsItAndStopsServing() {
        String removed = aFollowerId();
        RaftKvNode removedNode = node(removed);
        RaftKvNode leader = node(leaderId());

        List<ClusterMember> after = leader.removeMember(removed, false).join();

        assertThat(after).extracting(ClusterMember::id).doesNotContain(removed).hasSize(2);
        await().atMost(WAIT).until(() -> removedNode.removedFromCluster().isDone());
        assertThat(removedNode.stoppedUnexpectedly()).isNotDone();
        leader.write(Put.of(Bytes.utf8("after"), Bytes.utf8("removal")), Optional.empty()).join();
    }

    /**
     * A removed node cannot clear its own NO_SPACE alarm any more; left up, the alarm would refuse every write of the
     * cluster for good. The alarm is raised here after the removal, as if the node's last act had been to raise it.
     */
    @Test
    void theNoSpaceAlarmOfARemovedNodeIsClearedByTheLeader() {
        String removed = aFollowerId();
        RaftKvNode leader = node(leaderId());
        leader.removeMember(removed, false).join();

        leader.propose(new RaiseNoSpaceAlarm(new NoSpaceAlarm(removed, 0, 1 << 20, "/gone"))).join();

        await().atMost(WAIT).until(() -> leader.status().noSpaceAlarms().isEmpty());
        leader.write(Put.of(Bytes.utf8("after"), Bytes.utf8("alarm")), Optional.empty()).join();
    }

    @Test
    void anIdInUseIsRefusedWithItsAddress() {
        NodeConfig.Peer existing = peers.get(1);

        ServiceException refused = refusal(() -> nodes.getFirst().addMember(existing.id(), "127.0.0.1:1", true)
                .join());

        assertThat(refused.kind()).isEqualTo(ServiceException.Kind.INVALID);
        assertThat(refused).hasMessage("id " + existing.id() + " is already a member at " + existing.address()
                + "; pick another id, or `raftkv member remove " + existing.id()
                + "` first if it is being replaced");
    }

    @Test
    void promotingAVoterAndRemovingAStrangerAreRefused() {
        assertThat(refusal(() -> nodes.getFirst().promoteMember("n2").join()))
                .hasMessageContaining("n2 is already a voter");
        assertThat(refusal(() -> nodes.getFirst().removeMember("n9", false).join()))
                .hasMessageContaining("'n9' is not a member");
    }

    @Test
    void removingAVoterThatWouldLeaveNoReachableQuorumIsRefusedUnlessForced() {
        String leader = leaderId();
        List<String> followers = peers.stream().map(NodeConfig.Peer::id).filter(id -> !id.equals(leader)).toList();
        RaftKvNode stopped = node(followers.getFirst());
        stopped.close();
        nodes.remove(stopped);
        await().atMost(WAIT).until(() -> member(followers.getFirst()).orElseThrow().lastContactMillis()
                .orElse(Long.MAX_VALUE) > Membership.aliveWithinMillis(ELECTION_TIMEOUT_MILLIS));

        ServiceException refused = refusal(() -> node(leader).removeMember(followers.getLast(), false).join());

        assertThat(refused.kind()).isEqualTo(ServiceException.Kind.INVALID);
        assertThat(refused).hasMessage("refused: would leave 1 of 2 voters reachable, no quorum; use --force to do "
                + "it anyway");
        List<ClusterMember> forced = node(leader).removeMember(followers.getFirst(), true).join();
        assertThat(forced).extracting(ClusterMember::id).containsExactlyInAnyOrder(leader, followers.getLast());
    }
}
