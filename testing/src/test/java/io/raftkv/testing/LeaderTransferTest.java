package io.raftkv.testing;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leader transfer under write load: through the client API to a chosen follower, then through the CLI. Each transfer
 * is exactly one election, and no write fails beyond the client's retries.
 */
@Tag("integration")
class LeaderTransferTest extends ClusterTest {
    static final int WRITER_COUNT = 4;
    /** Writes acknowledged before, between and after the transfers, so each one happens under load. */
    static final int ACKNOWLEDGED_PER_STEP_MIN = 50;
    static final Duration WRITES_TIMEOUT = Duration.ofSeconds(20);
    /** A JVM start plus a transfer, on a loaded machine. */
    static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    static final Pattern CLI_OUTPUT = Pattern.compile("leader: (\\S+) \\(was (\\S+)\\)\\s*");
    static final String PREFIX = "transfer/";

    @Test
    void leadershipMovesToTheTargetWithoutAFailedOrUnknownWrite() throws Exception {
        LocalCluster cluster = startCluster(defaultOptions());
        String firstLeader = cluster.awaitLeader(ELECTION_TIMEOUT);
        String target = cluster.otherThan(firstLeader).getLast();
        String chosenByCli;
        List<LeaderObserver.Leadership> leaderships;
        WriteLoad load = WriteLoad.start(cluster.client(), PREFIX, WRITER_COUNT);
        try (load; LeaderObserver observer = LeaderObserver.start(cluster)) {
            awaitMoreAcknowledged(load);
            assertThat(cluster.client().transferLeadership(target)).isEqualTo(target);
            awaitLeader(cluster, target);
            awaitMoreAcknowledged(load);

            chosenByCli = transferThroughTheCli(cluster, target);
            awaitLeader(cluster, chosenByCli);
            awaitMoreAcknowledged(load);
            load.stop();
            leaderships = observer.leaderships();
        }

        assertThat(chosenByCli).isNotEqualTo(target);
        long firstTerm = leaderships.getFirst().term();
        assertThat(leaderships).as("each transfer is exactly one election").containsExactly(
                new LeaderObserver.Leadership(firstLeader, firstTerm),
                new LeaderObserver.Leadership(target, firstTerm + 1),
                new LeaderObserver.Leadership(chosenByCli, firstTerm + 2));
        assertThat(load.unknownOutcomeCount()).as("writes that ended unavailable").isZero();
        for (String node : cluster.nodeIds()) {
            await("every acknowledged write on " + node).atMost(CONVERGENCE_TIMEOUT).untilAsserted(() ->
                    assertHoldsAcknowledgedWrites(cluster.http().list(cluster.node(node), Bytes.utf8(PREFIX),
                            ReadConsistency.SERIALIZABLE).values(), load));
        }
        assertHoldsAcknowledgedWrites(cluster.http().list(cluster.node(chosenByCli), Bytes.utf8(PREFIX),
                ReadConsistency.LINEARIZABLE).values(), load);
    }

    private static void awaitMoreAcknowledged(WriteLoad load) {
        int goal = load.acknowledgedCount() + ACKNOWLEDGED_PER_STEP_MIN;
        await("writes acknowledged").atMost(WRITES_TIMEOUT).until(() -> load.acknowledgedCount() >= goal);
    }

    /**
     * Waits until every node names {@code expected} as its leader, not only until {@code expected} says it leads: the
     * CLI asks whichever node answers first who leads, and must hear the same answer from each.
     */
    private static void awaitLeader(LocalCluster cluster, String expected) {
        await("every node follows " + expected).atMost(ELECTION_TIMEOUT)
                .until(() -> cluster.nodeIds().stream().allMatch(node -> cluster.view(node)
                        .flatMap(NodeView::leaderId).equals(Optional.of(expected))));
    }

    /** Every acknowledged write is there with its value; anything else there is a write that was at least tried. */
    private static void assertHoldsAcknowledgedWrites(Map<Bytes, Bytes> stored, WriteLoad load) {
        assertThat(stored).containsAllEntriesOf(load.acknowledged());
        assertThat(load.attempted()).containsAllEntriesOf(stored);
    }

    /**
     * Runs {@code raftkv leader transfer} without a target in a JVM of its own, as an operator would.
     *
     * @return the leader it reports
     */
    private String transferThroughTheCli(LocalCluster cluster, String currentLeader) throws IOException,
            InterruptedException {
        Path output = baseDirectory.resolve("leader-transfer.out");
        Path errors = baseDirectory.resolve("leader-transfer.err");
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java binary runs this JVM"));
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                LocalCluster.MAIN_CLASS, "leader", "transfer", "--endpoints", String.join(",", cluster.endpoints())))
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!process.waitFor(CLI_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("raftkv leader transfer did not finish within " + CLI_TIMEOUT);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        String reported = Files.readString(errors, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code; stderr: %s", reported).isZero();
        Matcher matcher = CLI_OUTPUT.matcher(printed);
        assertThat(matcher.matches()).as("output: %s", printed).isTrue();
        assertThat(matcher.group(2)).isEqualTo(currentLeader);
        return matcher.group(1);
    }
}
