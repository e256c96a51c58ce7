package io.raftkv.testing;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.query.QueryResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Kill -9 of the leader under write load, on the default (RocksDB) engine. */
@Tag("integration")
class LeaderFailoverTest extends ClusterTest {
    static final int WRITER_COUNT = 4;
    static final int ACKNOWLEDGED_BEFORE_KILL_MIN = 100;
    static final int ACKNOWLEDGED_AFTER_KILL_MIN = 100;
    /** Generous for the default election timeout: detection, election and the client's retry backoff. */
    static final long FAILOVER_MILLIS_MAX = 15_000;
    static final int LINEARIZABLE_SAMPLE_KEYS = 50;
    static final String PREFIX = "load/";

    @Test
    void leaderKillElectsNewLeaderAndLosesNoAcknowledgedWrite() {
        LocalCluster cluster = startCluster(defaultOptions());
        String oldLeader = cluster.awaitLeader(ELECTION_TIMEOUT);
        WriteLoad load = WriteLoad.start(cluster.client(), PREFIX, WRITER_COUNT);
        try (load) {
            long failoverMillis = killLeaderUnderLoad(cluster, oldLeader, load);
            assertThat(failoverMillis).as("milliseconds from the kill to the first acknowledged write")
                    .isLessThan(FAILOVER_MILLIS_MAX);
        }

        String newLeader = cluster.awaitLeader(ELECTION_TIMEOUT);
        assertThat(newLeader).isNotEqualTo(oldLeader);
        cluster.awaitReady(CONVERGENCE_TIMEOUT);
        for (String survivor : cluster.otherThan(oldLeader)) {
            await("every acknowledged write on " + survivor).atMost(CONVERGENCE_TIMEOUT).untilAsserted(() ->
                    assertHoldsAcknowledgedWrites(cluster.http().list(cluster.node(survivor), Bytes.utf8(PREFIX),
                            ReadConsistency.SERIALIZABLE).values(), load));
            assertHoldsAcknowledgedWrites(cluster.http().list(cluster.node(survivor), Bytes.utf8(PREFIX),
                    ReadConsistency.LINEARIZABLE).values(), load);
        }
        assertLinearizableReadsSeeSample(cluster.client(), load.acknowledged());
    }

    /**
     * Kills the leader once writes flow, keeps writing until enough writes sent after the kill were acknowledged,
     * then stops the load.
     *
     * @return milliseconds from the kill to the first acknowledgement of a write sent after it
     */
    private static long killLeaderUnderLoad(LocalCluster cluster, String leader, WriteLoad load) {
        await("writes before the kill").atMost(Duration.ofSeconds(20))
                .until(() -> load.acknowledgedCount() >= ACKNOWLEDGED_BEFORE_KILL_MIN);
        long killNanos = System.nanoTime();
        cluster.kill(leader);
        await("writes after the kill").atMost(Duration.ofSeconds(25))
                .until(() -> load.acknowledgedStartedAfter(killNanos) >= ACKNOWLEDGED_AFTER_KILL_MIN);
        load.stop();
        long failoverMillis = (load.firstAcknowledgementOfWriteStartedAfter(killNanos).orElseThrow() - killNanos)
                / 1_000_000;
        System.out.printf("failover: first write acknowledged %d ms after the kill; %d acknowledged, %d unknown%n",
                failoverMillis, load.acknowledgedCount(), load.unknownOutcomeCount());
        return failoverMillis;
    }

    /** Every acknowledged write is there with its value; anything else there is a write that was at least tried. */
    private static void assertHoldsAcknowledgedWrites(Map<Bytes, Bytes> stored, WriteLoad load) {
        assertThat(stored).containsAllEntriesOf(load.acknowledged());
        assertThat(load.attempted()).containsAllEntriesOf(stored);
    }

    private static void assertLinearizableReadsSeeSample(RaftKvClient client, Map<Bytes, Bytes> acknowledged) {
        long seed = System.nanoTime();
        System.out.println("linearizable sample seed: " + seed);
        List<Bytes> keys = new ArrayList<>(acknowledged.keySet());
        Collections.sort(keys);
        Collections.shuffle(keys, new Random(seed));
        for (Bytes key : keys.subList(0, Math.min(LINEARIZABLE_SAMPLE_KEYS, keys.size()))) {
            QueryResult result = client.get(key, ReadConsistency.LINEARIZABLE);
            assertThat(result).as("linearizable get %s (seed %d)", key, seed).isInstanceOf(QueryResult.Found.class);
            assertThat(((QueryResult.Found) result).keyValue().value()).isEqualTo(acknowledged.get(key));
        }
    }
}
