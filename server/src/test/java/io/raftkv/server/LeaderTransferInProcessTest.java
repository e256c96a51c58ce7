package io.raftkv.server;

import io.raftkv.api.ServiceException;
import io.raftkv.core.Limits;
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
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@link RaftKvNode#transferLeadership(String)} on three nodes in one JVM, talking Ratis over loopback. */
@Tag("integration")
class LeaderTransferInProcessTest {
    private static final Duration ELECTION_WAIT = Duration.ofSeconds(20);
    private static final long ELECTION_TIMEOUT_MILLIS = 300;

    @TempDir
    Path directory;

    private final List<RaftKvNode> nodes = new ArrayList<>();

    @BeforeEach
    void startCluster() throws IOException {
        List<NodeConfig.Peer> peers = new ArrayList<>();
        for (int number = 1; number <= 3; number++) {
            peers.add(new NodeConfig.Peer("n" + number, "127.0.0.1", freePort()));
        }
        for (NodeConfig.Peer peer : peers) {
            nodes.add(RaftKvNode.start(NodeConfig.bootstrap(peer.id(), peers, directory.resolve(peer.id()),
                    NodeConfig.StorageKind.MEMORY, Limits.DEFAULT, 50, ELECTION_TIMEOUT_MILLIS, 5_000)));
        }
        await().atMost(ELECTION_WAIT).until(() -> nodes.stream().allMatch(node -> node.status().ready()));
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

    private String leaderId() {
        return nodes.getFirst().status().leaderId().orElseThrow();
    }

    private RaftKvNode node(String id) {
        return nodes.stream().filter(node -> node.status().nodeId().equals(id)).findFirst().orElseThrow();
    }

    private List<String> followerIds() {
        String leader = leaderId();
        return nodes.stream().map(node -> node.status().nodeId()).filter(id -> !id.equals(leader)).toList();
    }

    @Test
    void aFollowerAsksAndTheOtherFollowerBecomesLeader() {
        String oldLeader = leaderId();
        List<String> followers = followerIds();

        String newLeader = node(followers.getFirst()).transferLeadership(followers.getLast()).join();

        assertThat(newLeader).isEqualTo(followers.getLast());
        await().atMost(ELECTION_WAIT).until(() -> node(followers.getLast()).status().role().equals("LEADER"));
        assertThat(node(oldLeader).status().role()).isNotEqualTo("LEADER");
    }

    @Test
    void aTransferToTheLeaderCompletesAtOnce() {
        String leader = leaderId();

        assertThat(node(leader).transferLeadership(leader).join()).isEqualTo(leader);
    }

    @Test
    void anIdThatIsNotAMemberIsInvalid() {
        assertThatThrownBy(() -> nodes.getFirst().transferLeadership("n9").join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ServiceException.class,
                        refused -> assertThat(refused.kind()).isEqualTo(ServiceException.Kind.INVALID))
                .hasMessageContaining("'n9' is not a member").hasMessageContaining("n1, n2, n3");
    }

    @Test
    void aTransferToAStoppedMemberIsUnavailableAndTheLeaderStays() {
        String leader = leaderId();
        RaftKvNode stopped = node(followerIds().getFirst());
        String stoppedId = stopped.status().nodeId();
        stopped.close();
        nodes.remove(stopped);

        assertThatThrownBy(() -> node(leader).transferLeadership(stoppedId).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ServiceException.class,
                        failed -> assertThat(failed.kind()).isEqualTo(ServiceException.Kind.UNAVAILABLE))
                .hasMessageContaining("leader transfer to " + stoppedId + " failed");
        await().atMost(ELECTION_WAIT).until(() -> nodes.stream().anyMatch(node ->
                node.status().role().equals("LEADER")));
    }
}
