package io.raftkv.testing;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every node goes down at once, cleanly or not, and comes back with every key and every revision as before. */
@Tag("integration")
class WholeClusterRestartTest extends ClusterTest {
    static final int KEY_COUNT = 100;
    /** Every n-th key is also appended to, deleted, or overwritten, so versions and revisions differ per key. */
    static final int CHANGE_EVERY_KEYS = 10;
    static final String PREFIX = "durable/";

    @ParameterizedTest
    @EnumSource(Shutdown.class)
    void wholeClusterRestartKeepsAllData(Shutdown shutdown) {
        LocalCluster cluster = startCluster(defaultOptions());
        writeKeysOfEveryHistory(cluster.client());
        String leader = cluster.awaitLeader(ELECTION_TIMEOUT);
        Listing before = cluster.http().list(cluster.node(leader), Bytes.utf8(PREFIX), ReadConsistency.LINEARIZABLE);
        assertThat(before.keyValues()).hasSize(KEY_COUNT - KEY_COUNT / CHANGE_EVERY_KEYS);

        List<Integer> exitCodes = shutDownEveryNode(cluster, shutdown);
        cluster.nodeIds().forEach(cluster::restart);
        cluster.awaitReady(STARTUP_TIMEOUT);

        for (String id : cluster.nodeIds()) {
            await("the data of " + id + " after the restart").atMost(CONVERGENCE_TIMEOUT).untilAsserted(() ->
                    assertThat(cluster.http().list(cluster.node(id), Bytes.utf8(PREFIX), ReadConsistency.SERIALIZABLE)
                            .keyValues()).isEqualTo(before.keyValues()));
        }
        String anyNode = cluster.nodeIds().getFirst();
        assertThat(cluster.http().list(cluster.node(anyNode), Bytes.utf8(PREFIX), ReadConsistency.LINEARIZABLE)
                .keyValues()).isEqualTo(before.keyValues());
        Result.Written next = Writes.put(cluster.client(), PREFIX + "after-restart", "new");
        assertThat(next.metadata().modRevision()).as("revisions continue, they do not start over")
                .isGreaterThan(before.revision());
        if (shutdown == Shutdown.SIGTERM) {
            assertThat(exitCodes).as("exit codes after SIGTERM").containsOnly(0);
        }
    }

    /** Puts every key; then appends to some, deletes some and overwrites some. */
    private static void writeKeysOfEveryHistory(RaftKvClient client) {
        Writes.putAll(client, PREFIX, KEY_COUNT);
        for (int index = 0; index < KEY_COUNT; index += CHANGE_EVERY_KEYS) {
            Bytes appended = Bytes.utf8(PREFIX + index);
            Bytes deleted = Bytes.utf8(PREFIX + (index + 1));
            Bytes overwritten = Bytes.utf8(PREFIX + (index + 2));
            assertThat(client.append(appended, Bytes.utf8(" and more"), 0)).isInstanceOf(Result.Written.class);
            assertThat(client.delete(deleted)).isInstanceOf(Result.Deleted.class);
            assertThat(client.put(overwritten, Bytes.utf8("second value"))).isInstanceOf(Result.Written.class);
        }
    }

    private static List<Integer> shutDownEveryNode(LocalCluster cluster, Shutdown shutdown) {
        List<Integer> exitCodes = new ArrayList<>();
        cluster.nodeIds().forEach(id -> shutdown.apply(cluster, id).ifPresent(exitCodes::add));
        return exitCodes;
    }
}
