package io.raftkv.testing;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Snapshots are written on a thread of their own while writes go on being applied. A follower that was down while the
 * leader took several of them and purged its log can only catch up from one, sent while the writes go on; it must end
 * with exactly the leader's data, metadata included.
 */
@Tag("integration")
class SnapshotUnderWritesTest extends ClusterTest {
    /** Small, so the leader snapshots many times and drops the early log (segments are sized by this interval). */
    static final long SNAPSHOT_EVERY_ENTRIES = 50;
    static final int WRITERS = 4;
    /** Enough entries, even batched, for several snapshots and purged segments while the follower is down. */
    static final int ACKNOWLEDGED_WHILE_DOWN_MIN = 1_500;
    static final Duration LOAD_TIMEOUT = Duration.ofSeconds(120);
    static final String PREFIX = "load/";
    /** What a node logs (INFO) for each snapshot SnapshotFiles wrote. */
    static final String SNAPSHOT_WRITTEN_LOG_TEXT = "written off the apply thread";
    /** What a node logs (INFO, RatisStateMachine) when it installs the leader's snapshot. */
    static final String SNAPSHOT_INSTALLED_LOG_TEXT = "received from the leader";

    @Test
    void followerThatWasDownInstallsASnapshotTakenUnderWritesAndEndsWithTheLeadersData() {
        LocalCluster cluster = startCluster(defaultOptions().withSnapshotEveryEntries(SNAPSHOT_EVERY_ENTRIES));
        String leader = cluster.awaitLeader(ELECTION_TIMEOUT);
        String follower = cluster.otherThan(leader).getFirst();
        cluster.kill(follower);

        WriteLoad load = WriteLoad.start(cluster.client(), PREFIX, WRITERS);
        try {
            await("writes while the follower is down").atMost(LOAD_TIMEOUT)
                    .until(() -> load.acknowledgedCount() >= ACKNOWLEDGED_WHILE_DOWN_MIN);
            cluster.restart(follower);
            await("the follower's snapshot install, with writes going on").atMost(LOAD_TIMEOUT)
                    .until(() -> cluster.node(follower).logOfCurrentRun().stream()
                            .anyMatch(line -> line.contains(SNAPSHOT_INSTALLED_LOG_TEXT)));
        } finally {
            load.stop();
        }

        String leaderNow = cluster.awaitLeader(ELECTION_TIMEOUT);
        long leaderAppliedIndex = cluster.view(leaderNow).orElseThrow().appliedIndex();
        cluster.awaitAppliedIndex(follower, leaderAppliedIndex, CONVERGENCE_TIMEOUT);
        SortedMap<Bytes, ?> leaderData = cluster.http().list(cluster.node(leaderNow), Bytes.utf8(PREFIX),
                ReadConsistency.SERIALIZABLE).keyValues();
        assertThat(cluster.http().list(cluster.node(follower), Bytes.utf8(PREFIX), ReadConsistency.SERIALIZABLE)
                .keyValues()).as("the follower's data").isEqualTo(leaderData);
        assertThat(leaderData.keySet()).as("keys on the leader").containsAll(load.acknowledged().keySet());
        assertThat(cluster.node(leader).logOfCurrentRun()).as("log of the first leader")
                .anyMatch(line -> line.contains(SNAPSHOT_WRITTEN_LOG_TEXT));
    }
}
