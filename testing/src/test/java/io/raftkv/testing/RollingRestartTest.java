package io.raftkv.testing;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling restart as docs/operations.md describes it, under a steady write load: every follower in turn, then the
 * leader after its leadership was moved to a follower. Each node is back, ready and caught up before the next goes
 * down. No write may fail beyond the client's own retries, every acknowledged write must be readable at the end, and
 * the only election is the one the leader transfer asks for: with pre-vote, a restarted follower must not raise the
 * term.
 */
@Tag("integration")
class RollingRestartTest extends ClusterTest {
    static final int WRITER_COUNT = 4;
    /** Writes acknowledged with each node down and again after it is back, so every step happens under load. */
    static final int ACKNOWLEDGED_PER_STEP_MIN = 50;
    static final Duration WRITES_TIMEOUT = Duration.ofSeconds(20);
    static final String PREFIX = "rolling/";

    @ParameterizedTest
    @EnumSource(Shutdown.class)
    void everyNodeRestartsInTurnWithNoFailedWriteAndOnlyTheTransferElection(Shutdown shutdown) {
        LocalCluster cluster = startCluster(defaultOptions());
        String firstLeader = cluster.awaitLeader(ELECTION_TIMEOUT);
        long firstTerm = agreedTerm(cluster);
        List<RestartStep> steps = new ArrayList<>();
        WriteLoad load = WriteLoad.start(cluster.client(), PREFIX, WRITER_COUNT);
        try (load; LeaderObserver observer = LeaderObserver.start(cluster)) {
            awaitMoreAcknowledged(load);
            for (String follower : cluster.otherThan(firstLeader)) {
                steps.add(restart(cluster, load, follower, shutdown));
            }
            String newLeader = cluster.otherThan(firstLeader).getFirst();
            long termBeforeTransfer = agreedTerm(cluster);
            assertThat(cluster.client().transferLeadership(newLeader)).isEqualTo(newLeader);
            awaitEveryNodeFollows(cluster, newLeader);
            long termAfterTransfer = agreedTerm(cluster);
            steps.add(restart(cluster, load, firstLeader, shutdown));
            load.stop();

            report(shutdown, steps, termBeforeTransfer, termAfterTransfer, observer, load);
            assertThat(steps).as("follower restarts raise no term and keep the leader").allSatisfy(step -> {
                assertThat(step.termAfter()).as("term after restarting %s", step.nodeId())
                        .isEqualTo(step.termBefore());
                assertThat(step.leaderAfter()).as("leader after restarting %s", step.nodeId())
                        .isEqualTo(step.leaderBefore());
            });
            assertThat(termAfterTransfer).as("term after the leader transfer").isEqualTo(termBeforeTransfer + 1);
            assertThat(agreedTerm(cluster)).as("term after the whole rolling restart").isEqualTo(firstTerm + 1);
            assertThat(observer.leaderships()).as("leaders seen")
                    .extracting(LeaderObserver.Leadership::leaderId).containsExactly(firstLeader, newLeader);
        }

        assertThat(load.unknownOutcomeCount()).as("writes that failed after the client's retries").isZero();
        assertHoldsAcknowledgedWrites(cluster, load);
    }

    /** What one restart did to the cluster, and how long the node took to go down and to be back. */
    record RestartStep(String nodeId, OptionalInt exitCode, long downMillis, long readyMillis, long caughtUpMillis,
                       long termBefore, long termAfter, String leaderBefore, String leaderAfter) {
    }

    /**
     * Takes one follower down, sees writes go on without it, starts it again and waits until it is ready and has
     * applied everything the leader had committed when it became ready.
     */
    private static RestartStep restart(LocalCluster cluster, WriteLoad load, String nodeId, Shutdown shutdown) {
        String leaderBefore = cluster.awaitLeader(ELECTION_TIMEOUT);
        assertThat(leaderBefore).as("the node to restart must not lead").isNotEqualTo(nodeId);
        long termBefore = agreedTerm(cluster);

        long downStartNanos = System.nanoTime();
        OptionalInt exitCode = shutdown.apply(cluster, nodeId);
        long downMillis = millisSince(downStartNanos);
        awaitMoreAcknowledged(load);

        long startNanos = System.nanoTime();
        cluster.restart(nodeId);
        await(nodeId + " ready").atMost(STARTUP_TIMEOUT).until(() -> cluster.http().ready(cluster.node(nodeId)));
        long readyMillis = millisSince(startNanos);
        String leader = cluster.awaitLeader(ELECTION_TIMEOUT);
        long leaderCommitIndex = cluster.view(leader).orElseThrow().commitIndex();
        cluster.awaitAppliedIndex(nodeId, leaderCommitIndex, CONVERGENCE_TIMEOUT);
        long caughtUpMillis = millisSince(startNanos);
        awaitMoreAcknowledged(load);

        return new RestartStep(nodeId, exitCode, downMillis, readyMillis, caughtUpMillis, termBefore,
                agreedTerm(cluster), leaderBefore, cluster.awaitLeader(ELECTION_TIMEOUT));
    }

    /** The term every node reports, once they all report the same one (a node just back may still be learning it). */
    private static long agreedTerm(LocalCluster cluster) {
        return await("every node in the same term, with a leader").atMost(CONVERGENCE_TIMEOUT)
                .until(() -> termIfAgreed(cluster), Optional::isPresent).orElseThrow();
    }

    /** The term when every node answers, knows a leader and reports the same term; empty otherwise. */
    private static Optional<Long> termIfAgreed(LocalCluster cluster) {
        List<Optional<NodeView>> views = cluster.nodeIds().stream().map(cluster::view).toList();
        boolean everyNodeFollowsALeader = views.stream()
                .allMatch(view -> view.flatMap(NodeView::leaderId).isPresent());
        if (!everyNodeFollowsALeader) {
            return Optional.empty();
        }
        Set<Long> terms = views.stream().map(view -> view.orElseThrow().term()).collect(Collectors.toSet());
        return terms.size() == 1 ? Optional.of(terms.iterator().next()) : Optional.empty();
    }

    private static void awaitEveryNodeFollows(LocalCluster cluster, String leader) {
        await("every node follows " + leader).atMost(ELECTION_TIMEOUT)
                .until(() -> cluster.nodeIds().stream().allMatch(node -> cluster.view(node)
                        .flatMap(NodeView::leaderId).filter(leader::equals).isPresent()));
    }

    private static void awaitMoreAcknowledged(WriteLoad load) {
        int goal = load.acknowledgedCount() + ACKNOWLEDGED_PER_STEP_MIN;
        await("writes acknowledged").atMost(WRITES_TIMEOUT).until(() -> load.acknowledgedCount() >= goal);
    }

    /** Every acknowledged write on every replica, and through a linearizable read. */
    private static void assertHoldsAcknowledgedWrites(LocalCluster cluster, WriteLoad load) {
        for (String node : cluster.nodeIds()) {
            await("every acknowledged write on " + node).atMost(CONVERGENCE_TIMEOUT).untilAsserted(() ->
                    assertHolds(cluster.http().list(cluster.node(node), Bytes.utf8(PREFIX),
                            ReadConsistency.SERIALIZABLE).values(), load));
        }
        assertHolds(cluster.http().list(cluster.node(cluster.awaitLeader(ELECTION_TIMEOUT)), Bytes.utf8(PREFIX),
                ReadConsistency.LINEARIZABLE).values(), load);
    }

    /** Every acknowledged write is there with its value; anything else there is a write that was at least tried. */
    private static void assertHolds(Map<Bytes, Bytes> stored, WriteLoad load) {
        assertThat(stored).containsAllEntriesOf(load.acknowledged());
        assertThat(load.attempted()).containsAllEntriesOf(stored);
    }

    /** The measurements, printed for the test report: they are what docs/operations.md quotes. */
    private static void report(Shutdown shutdown, List<RestartStep> steps, long termBeforeTransfer,
                               long termAfterTransfer, LeaderObserver observer, WriteLoad load) {
        System.out.printf("rolling restart with %s:%n", shutdown);
        for (RestartStep step : steps) {
            System.out.printf("  %s: down in %d ms (exit %s), ready %d ms and caught up %d ms after start, "
                            + "term %d -> %d, leader %s -> %s%n", step.nodeId(), step.downMillis(),
                    step.exitCode().isPresent() ? Integer.toString(step.exitCode().getAsInt()) : "killed",
                    step.readyMillis(), step.caughtUpMillis(), step.termBefore(), step.termAfter(),
                    step.leaderBefore(), step.leaderAfter());
        }
        System.out.printf("  transfer: term %d -> %d; leaders seen %s (%d changes); writes acknowledged %d, "
                        + "failed after retries %d%n", termBeforeTransfer, termAfterTransfer,
                observer.leaderships(), observer.changeCount(), load.acknowledgedCount(), load.unknownOutcomeCount());
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
