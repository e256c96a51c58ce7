package io.raftkv.testing;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SIGSTOP and SIGCONT of real nodes, on per-node addresses, with an election timeout given to the nodes. */
@Tag("integration")
class PausedNodeTest extends ClusterTest {
    static final long ELECTION_TIMEOUT_MILLIS = 500;
    static final int KEYS_WHILE_PAUSED = 50;
    static final int SIGKILL_EXIT_CODE = 128 + 9;

    @Test
    void pausedLeaderIsReplacedAndCatchesUpOnceResumed() {
        LocalCluster cluster = startCluster(defaultOptions().withPerNodeAddresses()
                .withElectionTimeoutMillis(ELECTION_TIMEOUT_MILLIS));
        assertThat(cluster.nodeIds()).allMatch(id -> cluster.node(id).host().equals("127.0.1." + id.substring(1)));
        String oldLeader = cluster.awaitLeader(ELECTION_TIMEOUT);

        cluster.pause(oldLeader);

        assertThat(cluster.isPaused(oldLeader)).isTrue();
        await("a leader other than the paused " + oldLeader).atMost(ELECTION_TIMEOUT)
                .until(() -> cluster.leaderId().filter(leader -> !leader.equals(oldLeader)).isPresent());
        // A paused node can never answer /ready, so this returns only because it is not asked.
        cluster.awaitReady(STARTUP_TIMEOUT);
        SortedMap<Bytes, Bytes> written = Writes.putAll(cluster.client(), "while-paused/", KEYS_WHILE_PAUSED);
        String newLeader = cluster.leaderId().orElseThrow();
        long appliedIndex = cluster.view(newLeader).orElseThrow().appliedIndex();

        cluster.resume(oldLeader);

        cluster.awaitAppliedIndex(oldLeader, appliedIndex, CONVERGENCE_TIMEOUT);
        assertThat(cluster.http().list(cluster.node(oldLeader), Bytes.utf8("while-paused/"),
                ReadConsistency.SERIALIZABLE).values()).isEqualTo(written);
        assertThat(cluster.view(oldLeader).flatMap(NodeView::leaderId)).isEqualTo(Optional.of(newLeader));
        assertThat(cluster.logTail(oldLeader, 1_000)).anyMatch(line -> line.contains("paused with SIGSTOP"))
                .anyMatch(line -> line.contains("resumed with SIGCONT"));
    }

    @Test
    void aPausedNodeCanBeKilledAndRestarted() {
        LocalCluster cluster = startCluster(defaultOptions().withPerNodeAddresses());
        String follower = cluster.otherThan(cluster.awaitLeader(ELECTION_TIMEOUT)).getFirst();
        cluster.pause(follower);

        cluster.kill(follower);

        assertThat(cluster.node(follower).isRunning()).isFalse();
        assertThat(cluster.node(follower).exitCode()).hasValue(SIGKILL_EXIT_CODE);
        cluster.restart(follower);
        cluster.awaitReady(STARTUP_TIMEOUT);
        assertThat(cluster.isPaused(follower)).isFalse();
    }
}
