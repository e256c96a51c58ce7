package io.raftkv.server;

import io.raftkv.api.NodeStatus;
import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.codec.CommandCodec;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Get;
import io.raftkv.core.query.QueryResult;
import org.junit.jupiter.api.AfterEach;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Three nodes in one JVM, talking Ratis over loopback: the server wiring end to end, without processes. */
@Tag("integration")
class InProcessClusterTest {
    private static final Duration ELECTION_WAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private final List<RaftKvNode> nodes = new ArrayList<>();
    private final List<NodeConfig.Peer> peers = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(RaftKvNode::close);
    }

    private void startCluster(NodeConfig.StorageKind storage) throws IOException {
        for (int number = 1; number <= 3; number++) {
            peers.add(new NodeConfig.Peer("n" + number, "127.0.0.1", freePort()));
        }
        for (NodeConfig.Peer peer : peers) {
            nodes.add(RaftKvNode.start(config(peer, storage)));
        }
        await().atMost(ELECTION_WAIT).until(() -> nodes.stream().allMatch(node -> node.status().ready()));
    }

    private NodeConfig config(NodeConfig.Peer peer, NodeConfig.StorageKind storage) {
        return NodeConfig.bootstrap(peer.id(), peers, directory.resolve(peer.id()), storage, Limits.DEFAULT, 50, 300,
                5_000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private RaftKvNode follower() {
        return nodes.stream().filter(node -> !node.status().role().equals("LEADER")).findFirst().orElseThrow();
    }

    @Test
    void writeThroughFollowerIsReadLinearizablyOnEveryNode() throws Exception {
        startCluster(NodeConfig.StorageKind.ROCKSDB);
        Result result = follower().write(Put.of(Bytes.utf8("greeting"), Bytes.utf8("hello")), Optional.empty()).get();
        assertThat(result).isInstanceOf(Result.Written.class);
        for (RaftKvNode node : nodes) {
            QueryResult read = node.read(new Get(Bytes.utf8("greeting")), ReadConsistency.LINEARIZABLE).get();
            assertThat(read).isInstanceOfSatisfying(QueryResult.Found.class,
                    found -> assertThat(found.keyValue().value()).isEqualTo(Bytes.utf8("hello")));
        }
    }

    /**
     * A batch resent after an unclear failure (a lost connection, a leader that died after appending it) goes out with
     * the call id of its first attempt, so the Ratis retry cache answers it instead of applying it again.
     */
    @Test
    void aBatchResentWithItsCallIdIsAppliedOnce() throws Exception {
        startCluster(NodeConfig.StorageKind.ROCKSDB);
        byte[] proposal = CommandCodec.encodeProposal(
                List.of(new Request(Optional.empty(), Put.of(Bytes.utf8("once"), Bytes.utf8("v")))));
        long callId = 1_000_000_007L;
        ProposalSender sender = follower().proposalSender();

        List<Result> first = sender.send(proposal, callId).get();
        List<Result> resent = sender.send(proposal, callId).get();

        assertThat(resent).isEqualTo(first);
        assertThat(first.getFirst()).isInstanceOfSatisfying(Result.Written.class,
                written -> assertThat(written.metadata().version()).isEqualTo(1));
        QueryResult read = nodes.getFirst().read(new Get(Bytes.utf8("once")), ReadConsistency.LINEARIZABLE).get();
        assertThat(read).isInstanceOfSatisfying(QueryResult.Found.class, found -> {
            assertThat(found.keyValue().metadata().version()).as("applied once").isEqualTo(1);
            assertThat(found.revision()).isEqualTo(1);
        });
    }

    /** The leader's own batches get their results from its apply thread, not from an encoded Ratis reply. */
    @Test
    void writesOnTheLeaderEachGetTheirOwnResult() throws Exception {
        startCluster(NodeConfig.StorageKind.MEMORY);
        RaftKvNode leader = nodes.stream().filter(node -> node.status().role().equals("LEADER")).findFirst()
                .orElseThrow();
        List<java.util.concurrent.CompletableFuture<PutResult>> futures = new ArrayList<>();
        for (int index = 0; index < 20; index++) {
            futures.add(leader.write(Put.of(Bytes.utf8("same"), Bytes.utf8("v" + index)), Optional.empty()));
        }
        for (int index = 0; index < futures.size(); index++) {
            assertThat(futures.get(index).get()).isInstanceOfSatisfying(Result.Written.class,
                    written -> assertThat(written.metadata().version()).isBetween(1L, 20L));
        }
        assertThat(futures.stream().map(future -> ((Result.Written) future.join()).metadata().version()).distinct())
                .as("each write its own version").hasSize(20);
    }

    @Test
    void keyWithTtlDisappearsFromEveryNode() throws Exception {
        startCluster(NodeConfig.StorageKind.MEMORY);
        Put put = new Put(Bytes.utf8("short-lived"), Bytes.utf8("x"), 0, 500, Put.UNCONDITIONAL);
        Result.Written written = (Result.Written) nodes.getFirst().write(put, Optional.empty()).get();
        assertThat(written.metadata().expiresAtMillis()).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.stream().allMatch(node ->
                node.read(new Get(Bytes.utf8("short-lived")), ReadConsistency.SERIALIZABLE).join()
                        instanceof QueryResult.Missing));
    }

    @Test
    void manyConcurrentWritesAreBatchedAndAllApplied() throws Exception {
        startCluster(NodeConfig.StorageKind.ROCKSDB);
        RaftKvNode entry = follower();
        List<java.util.concurrent.CompletableFuture<PutResult>> futures = new ArrayList<>();
        for (int index = 0; index < 2_000; index++) {
            futures.add(entry.write(Put.of(Bytes.utf8("key-" + index), Bytes.utf8("v" + index)), Optional.empty()));
        }
        for (var future : futures) {
            assertThat(future.get()).isInstanceOf(Result.Written.class);
        }
        // Every put moved the revision once, batched or not.
        long revision = nodes.getFirst().read(new Get(Bytes.utf8("key-0")), ReadConsistency.LINEARIZABLE).get()
                .revision();
        assertThat(revision).isEqualTo(2_000);
    }

    @Test
    void closingTheLeaderElectsAnotherThatKeepsEveryWrite() throws Exception {
        startCluster(NodeConfig.StorageKind.ROCKSDB);
        for (int index = 0; index < 50; index++) {
            nodes.getFirst().write(Put.of(Bytes.utf8("k" + index), Bytes.utf8("v")), Optional.empty()).get();
        }
        RaftKvNode leader = nodes.stream().filter(node -> node.status().role().equals("LEADER")).findFirst()
                .orElseThrow();
        leader.close();
        nodes.remove(leader);
        await().atMost(ELECTION_WAIT).until(() -> nodes.stream().anyMatch(node -> node.status().role().equals("LEADER")));
        Result after = nodes.getFirst().write(Put.of(Bytes.utf8("after"), Bytes.utf8("v")), Optional.empty()).get();
        assertThat(after).isInstanceOf(Result.Written.class);
        for (int index = 0; index < 50; index++) {
            QueryResult read = nodes.getLast().read(new Get(Bytes.utf8("k" + index)), ReadConsistency.LINEARIZABLE)
                    .get();
            assertThat(read).isInstanceOf(QueryResult.Found.class);
        }
        assertThat(Optional.of(nodes.getFirst().status().leaderId())).isNotEmpty();
    }

    /**
     * A restarted follower knows only what the leader has sent it so far: once it hears from the leader, its own
     * commit index is still the one it stopped at, so by its own numbers it looks up to date. It must not be ready
     * before it has come close to the leader's commit index.
     */
    @Test
    void aRestartedFollowerIsNotReadyBeforeItHasCaughtUpWithTheLeader() throws Exception {
        startCluster(NodeConfig.StorageKind.ROCKSDB);
        RaftKvNode stopped = follower();
        String stoppedId = stopped.status().nodeId();
        stopped.close();
        nodes.remove(stopped);
        // One log entry per write, to leave the follower many more entries behind than the caught-up margin.
        for (int index = 0; index < 3 * CatchUpWatch.CAUGHT_UP_LAG_ENTRIES_MAX; index++) {
            nodes.getFirst().write(Put.of(Bytes.utf8("k" + index), Bytes.utf8("v")), Optional.empty()).get();
        }
        long leaderCommitIndex = nodes.stream().filter(node -> node.status().role().equals("LEADER")).findFirst()
                .orElseThrow().status().commitIndex();

        NodeConfig.Peer peer = peers.stream().filter(candidate -> candidate.id().equals(stoppedId)).findFirst()
                .orElseThrow();
        RaftKvNode restarted = RaftKvNode.start(config(peer, NodeConfig.StorageKind.ROCKSDB));
        nodes.add(restarted);
        NodeStatus firstReady = await().atMost(ELECTION_WAIT).pollInterval(Duration.ofMillis(5))
                .until(restarted::status, NodeStatus::ready);

        assertThat(firstReady.appliedIndex())
                .isGreaterThanOrEqualTo(leaderCommitIndex - CatchUpWatch.CAUGHT_UP_LAG_ENTRIES_MAX);
        assertThat(firstReady.caughtUp()).isTrue();
    }
}
