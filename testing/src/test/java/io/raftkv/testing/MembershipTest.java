package io.raftkv.testing;

import io.raftkv.client.MemberInfo;
import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Membership on real processes: growing 3 -> 5 and shrinking 5 -> 3 under a steady write load, and replacing a dead
 * node by a fresh one that joins.
 */
@Tag("integration")
class MembershipTest extends ClusterTest {
    static final int WRITER_COUNT = 4;
    static final int ACKNOWLEDGED_PER_STEP_MIN = 50;
    static final Duration WRITES_TIMEOUT = Duration.ofSeconds(30);
    /** A new JVM, a snapshot install and the promotion, on a loaded machine. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(90);
    /** Small, so a joining node is sent a snapshot rather than the whole log. */
    static final long SNAPSHOT_EVERY_ENTRIES = 200;
    static final String PREFIX = "membership/";
    /** Enough of a restarted node's log to hold its start-up lines. */
    static final int LOG_LINES_CHECKED = 200;

    ClusterOptions membershipOptions() {
        return defaultOptions().withSnapshotEveryEntries(SNAPSHOT_EVERY_ENTRIES);
    }

    @Test
    void growingToFiveAndShrinkingToThreeUnderLoadLosesNoAcknowledgedWrite() {
        LocalCluster cluster = startCluster(membershipOptions());
        RaftKvClient admin = cluster.client();
        WriteLoad load = WriteLoad.start(cluster.client(), PREFIX, WRITER_COUNT);
        try (load) {
            awaitMoreAcknowledged(load);
            String fourth = cluster.join("n1", false);
            awaitVoter(admin, fourth);
            awaitMoreAcknowledged(load);
            String fifth = cluster.join("n2", false);
            awaitVoter(admin, fifth);
            awaitMoreAcknowledged(load);
            assertThat(admin.members()).extracting(MemberInfo::id).containsExactlyInAnyOrder("n1", "n2", "n3",
                    fourth, fifth);

            remove(cluster, admin, "n1");
            awaitMoreAcknowledged(load);
            remove(cluster, admin, fourth);
            awaitMoreAcknowledged(load);
            load.stop();
        }

        List<MemberInfo> members = admin.members();
        assertThat(members).extracting(MemberInfo::id).containsExactlyInAnyOrder("n2", "n3", "n5");
        assertThat(members).allMatch(MemberInfo::isVoter);
        assertThat(load.unknownOutcomeCount()).as("writes that ended unavailable").isZero();
        for (String node : cluster.nodeIds()) {
            await("every acknowledged write on " + node).atMost(CONVERGENCE_TIMEOUT).untilAsserted(() ->
                    assertHoldsAcknowledgedWrites(cluster.http().list(cluster.node(node), Bytes.utf8(PREFIX),
                            ReadConsistency.SERIALIZABLE).values(), load));
        }
    }

    @Test
    void aDeadNodeIsReplacedByAFreshOneAndTheClusterConverges() {
        LocalCluster cluster = startCluster(membershipOptions());
        RaftKvClient admin = cluster.client();
        WriteLoad load = WriteLoad.start(cluster.client(), PREFIX, WRITER_COUNT);
        String replacement;
        try (load) {
            awaitMoreAcknowledged(load);
            cluster.kill("n3");
            cluster.wipe("n3");
            awaitMoreAcknowledged(load);
            remove(cluster, admin, "n3");
            replacement = cluster.join("n1", false);
            awaitVoter(admin, replacement);
            awaitMoreAcknowledged(load);
            load.stop();
        }

        assertThat(replacement).isEqualTo("n4");
        // Restarted as a unit would, with --join still given: its data dir knows its cluster, so it just starts.
        assertThat(cluster.stop(replacement)).isZero();
        cluster.restart(replacement);
        cluster.awaitReady(STARTUP_TIMEOUT);
        assertThat(cluster.logTail(replacement, LOG_LINES_CHECKED)).anyMatch(line -> line.contains(
                "already belongs to a cluster; starting as that member"));
        assertThat(admin.members()).extracting(MemberInfo::id).containsExactlyInAnyOrder("n1", "n2", "n4");
        assertThat(load.unknownOutcomeCount()).as("writes that ended unavailable").isZero();
        await("every node at the same revision with the same keys").atMost(CONVERGENCE_TIMEOUT).untilAsserted(() -> {
            Set<Long> revisions = cluster.nodeIds().stream()
                    .map(node -> cluster.view(node).orElseThrow().revision()).collect(Collectors.toSet());
            assertThat(revisions).hasSize(1);
            List<Map<Bytes, Bytes>> contents = cluster.nodeIds().stream()
                    .map(node -> (Map<Bytes, Bytes>) cluster.http().list(cluster.node(node), Bytes.utf8(""),
                            ReadConsistency.SERIALIZABLE).values())
                    .toList();
            assertThat(contents).allSatisfy(content -> assertThat(content).isEqualTo(contents.getFirst()));
            assertHoldsAcknowledgedWrites(cluster.http().list(cluster.node(replacement), Bytes.utf8(PREFIX),
                    ReadConsistency.SERIALIZABLE).values(), load);
        });
    }

    /** Removes a member, then forgets it: a removed node stops by itself, which the harness must not call a crash. */
    static void remove(LocalCluster cluster, RaftKvClient admin, String id) {
        List<MemberInfo> after = admin.removeMember(id, false);
        assertThat(after).extracting(MemberInfo::id).doesNotContain(id);
        cluster.forget(id);
    }

    static void awaitVoter(RaftKvClient admin, String id) {
        await(id + " joined and promoted to voter").atMost(JOIN_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.members().stream().anyMatch(member -> member.id().equals(id)
                        && member.isVoter()));
    }

    private static void awaitMoreAcknowledged(WriteLoad load) {
        int goal = load.acknowledgedCount() + ACKNOWLEDGED_PER_STEP_MIN;
        await("writes acknowledged").atMost(WRITES_TIMEOUT).until(() -> load.acknowledgedCount() >= goal);
    }

    /** Every acknowledged write is there with its value; anything else there is a write that was at least tried. */
    private static void assertHoldsAcknowledgedWrites(Map<Bytes, Bytes> stored, WriteLoad load) {
        assertThat(stored).containsAllEntriesOf(load.acknowledged());
        assertThat(load.attempted()).containsAllEntriesOf(stored);
    }
}
