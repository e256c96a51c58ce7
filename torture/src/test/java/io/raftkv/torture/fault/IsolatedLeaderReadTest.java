package io.raftkv.torture.fault;

import io.raftkv.client.RaftKvClient;
import io.raftkv.testing.ClusterOptions;
import io.raftkv.testing.LocalCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A leader cut off from both followers goes on believing it leads until it notices, up to two election timeouts later.
 * Meanwhile the followers elect a new leader and acknowledge a write. A linearizable read on the old leader that
 * starts after that acknowledgement must not return the value the write replaced: it must fail (or, had the old leader
 * learnt of the write, return the new value). Ratis 3.3.0's ReadIndex skips the heartbeat round when the read's commit
 * index was already confirmed once, so without raftkv's own confirmation the old leader answers from its stale state.
 */
@Tag("integration")
class IsolatedLeaderReadTest {
    /** A chain of this test's own, so that it never touches the rules of a torture run on the same machine. */
    private static final String CHAIN = "RAFTKV_READ_TEST";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** Reads on the old leader after the write: enough to outlast its belief that it leads, bounded in any case. */
    private static final int READS_ON_OLD_LEADER_MAX = 50;
    private static final String KEY = "register";
    private static final String BEFORE = "before-partition";
    private static final String AFTER = "written-by-the-majority";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @BeforeEach
    void assumeFaultTools() {
        FaultTools.require(Firewall.unavailableReason());
        FaultTools.require(SourceAddressShim.unavailableReason());
    }

    @Test
    void anIsolatedLeaderServesNoStaleLinearizableRead() {
        SourceAddressShim shim = SourceAddressShim.build(directory.resolve("shim"));
        try (Firewall firewall = Firewall.open(CHAIN);
             LocalCluster cluster = LocalCluster.start(ClusterOptions.in(directory.resolve("nodes"))
                     .withPerNodeAddresses()
                     .withNodeEnvironment(new NodeEnvironments(shim, null)::forNode))) {
            cluster.awaitReady(START_TIMEOUT);
            String oldLeader = cluster.awaitLeader(ELECTION_TIMEOUT);
            List<String> others = cluster.otherThan(oldLeader);
            cluster.client().put(KEY, BEFORE);
            try (RaftKvClient oldLeaderReader = oneNodeClient(cluster, oldLeader);
                 RaftKvClient majorityWriter = clientOver(cluster, others)) {
                // A confirmed read at the current commit index: the one Ratis later believes needs no new round.
                assertThat(oldLeaderReader.get(KEY)).contains(BEFORE);

                for (String other : others) {
                    firewall.drop(host(cluster, oldLeader), host(cluster, other));
                    firewall.drop(host(cluster, other), host(cluster, oldLeader));
                }
                majorityWriter.put(KEY, AFTER);

                List<String> answers = readUntilRefused(oldLeaderReader);
                assertThat(answers).as("linearizable reads on the isolated old leader %s, each started after %s "
                        + "was acknowledged by the majority %s", oldLeader, AFTER, others).doesNotContain(BEFORE);

                firewall.heal();
                assertThat(cluster.client(oldLeader).get(KEY)).as("a read on %s once healed", oldLeader)
                        .contains(AFTER);
            }
        }
    }

    /** Reads on the old leader until one fails; returns what each read before the failure answered. */
    private static List<String> readUntilRefused(RaftKvClient reader) {
        List<String> answers = new ArrayList<>();
        for (int read = 0; read < READS_ON_OLD_LEADER_MAX; read++) {
            Optional<String> answer;
            try {
                answer = reader.get(KEY);
            } catch (RuntimeException refused) {
                return answers;
            }
            answers.add(answer.orElse("<missing>"));
        }
        return answers;
    }

    /** Gives up soon, so that a refused read ends the loop instead of retrying for long. */
    private static RaftKvClient oneNodeClient(LocalCluster cluster, String id) {
        return RaftKvClient.builder()
                .endpoints(List.of(cluster.httpEndpoint(id)))
                .requestTimeout(REQUEST_TIMEOUT)
                .operationTimeout(REQUEST_TIMEOUT.multipliedBy(2))
                .build();
    }

    /** Retries until the majority has elected a leader. */
    private static RaftKvClient clientOver(LocalCluster cluster, List<String> ids) {
        return RaftKvClient.builder()
                .endpoints(ids.stream().map(cluster::httpEndpoint).toList())
                .requestTimeout(REQUEST_TIMEOUT)
                .operationTimeout(ELECTION_TIMEOUT)
                .build();
    }

    private static String host(LocalCluster cluster, String id) {
        return cluster.node(id).host();
    }
}
