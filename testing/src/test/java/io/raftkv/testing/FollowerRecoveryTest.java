package io.raftkv.testing;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A follower that missed writes, with its data or without it, converges on the leader's state. */
@Tag("integration")
class FollowerRecoveryTest extends ClusterTest {
    static final int KEYS_WHILE_STOPPED = 200;
    static final int KEYS_BEFORE_WIPE = 300;
    static final String PREFIX = "snapshotted/";
    /**
     * Small, so a few hundred writes leave several snapshots behind; the node sizes its log segments by this interval,
     * so the leader also drops its early log and a wiped follower can only be sent a snapshot.
     */
    static final long SNAPSHOT_EVERY_ENTRIES = 50;
    /** What the node logs (INFO, io.raftkv.server.ratis.RatisStateMachine) when it installs the leader's snapshot. */
    static final String SNAPSHOT_INSTALLED_LOG_TEXT = "received from the leader";

    @ParameterizedTest
    @EnumSource(Shutdown.class)
    void restartedFollowerCatchesUp(Shutdown shutdown) {
        LocalCluster cluster = startCluster(defaultOptions());
        String leader = cluster.awaitLeader(ELECTION_TIMEOUT);
        String follower = cluster.otherThan(leader).getFirst();
        shutdown.apply(cluster, follower);

        SortedMap<Bytes, Bytes> written = Writes.putAll(cluster.client(), "missed/", KEYS_WHILE_STOPPED);
        long leaderAppliedIndex = cluster.view(leader).orElseThrow().appliedIndex();
        cluster.restart(follower);

        cluster.awaitAppliedIndex(follower, leaderAppliedIndex, CONVERGENCE_TIMEOUT);
        assertThat(cluster.http().list(cluster.node(follower), Bytes.utf8("missed/"), ReadConsistency.SERIALIZABLE)
                .values()).isEqualTo(written);
    }

    @Test
    void wipedFollowerCatchesUpBySnapshot() {
        LocalCluster cluster = startCluster(defaultOptions().withSnapshotEveryEntries(SNAPSHOT_EVERY_ENTRIES));
        String leader = cluster.awaitLeader(ELECTION_TIMEOUT);
        String follower = cluster.otherThan(leader).getFirst();
        SortedMap<Bytes, Bytes> written = writeSnapshottedData(cluster);
        long leaderAppliedIndex = cluster.view(leader).orElseThrow().appliedIndex();

        cluster.kill(follower);
        cluster.wipe(follower);
        cluster.restart(follower);

        assertConvergedBySnapshot(cluster, follower, leaderAppliedIndex, written);
    }

    /**
     * The same, with a leader change after the wiped follower is back: a new leader knows nothing of the follower's
     * past, so this isolates snapshot installation from how a leader tracks a follower it has seen before.
     */
    @Test
    void wipedFollowerCatchesUpBySnapshotAfterLeaderChange() {
        LocalCluster cluster = startCluster(defaultOptions().withSnapshotEveryEntries(SNAPSHOT_EVERY_ENTRIES));
        String leader = cluster.awaitLeader(ELECTION_TIMEOUT);
        String follower = cluster.otherThan(leader).getFirst();
        SortedMap<Bytes, Bytes> written = writeSnapshottedData(cluster);
        long leaderAppliedIndex = cluster.view(leader).orElseThrow().appliedIndex();

        cluster.kill(follower);
        cluster.wipe(follower);
        cluster.restart(follower);
        cluster.stop(leader);
        cluster.restart(leader);

        assertConvergedBySnapshot(cluster, follower, leaderAppliedIndex, written);
    }

    private static SortedMap<Bytes, Bytes> writeSnapshottedData(LocalCluster cluster) {
        return Writes.putAll(cluster.client(), PREFIX, KEYS_BEFORE_WIPE);
    }

    private static void assertConvergedBySnapshot(LocalCluster cluster, String follower, long appliedIndex,
                                                  SortedMap<Bytes, Bytes> written) {
        cluster.awaitAppliedIndex(follower, appliedIndex, CONVERGENCE_TIMEOUT);
        await("the wiped follower's data").atMost(CONVERGENCE_TIMEOUT).untilAsserted(() ->
                assertThat(cluster.http().list(cluster.node(follower), Bytes.utf8(PREFIX),
                        ReadConsistency.SERIALIZABLE).values()).isEqualTo(written));
        // The leader purged its early log after a snapshot, so the wiped follower cannot have replayed the whole log.
        assertThat(cluster.node(follower).logOfCurrentRun()).as("log of the wiped follower")
                .anyMatch(line -> line.contains(SNAPSHOT_INSTALLED_LOG_TEXT));
    }
}
