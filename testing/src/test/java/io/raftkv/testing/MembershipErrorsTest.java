package io.raftkv.testing;

import io.raftkv.client.MemberInfo;
import io.raftkv.client.RaftKvClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the membership commands refuse, through the CLI as an operator runs it: a joining node or an added member with
 * an id in use, removing a voter that would leave no reachable quorum (and the same with --force), and the last
 * member.
 */
@Tag("integration")
class MembershipErrorsTest extends ClusterTest {
    /** A JVM start plus a membership change, on a loaded machine. */
    static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    /** The CLI's exit code for a refusal by the server (cli/README.md). */
    static final int EXIT_REJECTED = 5;
    static final int EXIT_USAGE = 2;
    /** Longer than the leader's liveness window (three election timeouts, but at least 3 s: Membership). */
    static final long DEAD_FOR_MILLIS_MIN = 3_500;

    @Test
    void anIdInUseIsRefusedToAJoiningNodeAndToMemberAdd() throws Exception {
        LocalCluster cluster = startCluster(defaultOptions());
        String n2Raft = cluster.node("n2").raftAddress();

        List<Integer> ports = FreePorts.pick(LocalNode.HOST, 2);
        OperatorCommand.Outcome join = OperatorCommand.run(baseDirectory, "join-n2", List.of("server", "--id", "n2",
                "--join", cluster.httpEndpoint("n1"), "--raft", LocalNode.HOST + ":" + ports.get(0),
                "--data-dir", baseDirectory.resolve("intruder").toString(),
                "--http", LocalNode.HOST + ":" + ports.get(1)), CLI_TIMEOUT);
        OperatorCommand.Outcome add = OperatorCommand.run(baseDirectory, "add-n2", List.of("member", "add", "n2=127.0.0.1:1",
                "--endpoints", String.join(",", cluster.endpoints())), CLI_TIMEOUT);

        assertThat(join.exitCode()).as("stderr: %s", join.errors()).isEqualTo(EXIT_USAGE);
        assertThat(join.errors()).contains("id n2 is already a member at " + n2Raft + "; pick another id, or "
                + "`raftkv member remove n2` first if it is being replaced");
        assertThat(add.exitCode()).as("stderr: %s", add.errors()).isEqualTo(EXIT_REJECTED);
        assertThat(add.errors()).isEqualTo("raftkv member add: id n2 is already a member at " + n2Raft
                + "; pick another id, or `raftkv member remove n2` first if it is being replaced\n");
    }

    @Test
    void removalWithoutAReachableQuorumIsRefusedForcedOnlyWithForceAndTheLastMemberNever() throws Exception {
        LocalCluster cluster = startCluster(defaultOptions());
        RaftKvClient admin = cluster.client();
        String leader = cluster.awaitLeader(ELECTION_TIMEOUT);
        List<String> followers = cluster.otherThan(leader);
        String stopped = followers.getFirst();
        String victim = followers.getLast();
        cluster.kill(stopped);
        await(stopped + " unreachable in the leader's view").atMost(ELECTION_TIMEOUT).until(() ->
                admin.members().stream().filter(member -> member.id().equals(stopped)).findFirst().orElseThrow()
                        .lastContactMillis().orElse(Long.MAX_VALUE) > DEAD_FOR_MILLIS_MIN);
        List<String> endpoints = List.of("--endpoints", cluster.httpEndpoint(leader));

        OperatorCommand.Outcome refused = OperatorCommand.run(baseDirectory, "remove-refused",
                cli(List.of("member", "remove", victim), endpoints), CLI_TIMEOUT);
        assertThat(refused.exitCode()).as("stderr: %s", refused.errors()).isEqualTo(EXIT_REJECTED);
        assertThat(refused.errors()).isEqualTo("raftkv member remove: refused: would leave 1 of 2 voters "
                + "reachable, no quorum; use --force to do it anyway\n");

        // Forced, the change still needs a majority of the new configuration: it commits once the stopped voter
        // is back.
        OperatorCommand forced = OperatorCommand.start(baseDirectory, "remove-forced",
                cli(List.of("member", "remove", victim, "--force"), endpoints));
        cluster.restart(stopped);
        OperatorCommand.Outcome forcedOutcome = forced.await(CLI_TIMEOUT);
        assertThat(forcedOutcome.exitCode()).as("stderr: %s", forcedOutcome.errors()).isZero();
        assertThat(forcedOutcome.output()).startsWith("removed " + victim + "\n");
        cluster.forget(victim);
        assertThat(admin.members()).extracting(MemberInfo::id).containsExactlyInAnyOrder(leader, stopped);

        admin.removeMember(stopped, false);
        cluster.forget(stopped);
        OperatorCommand.Outcome last = OperatorCommand.run(baseDirectory, "remove-last",
                cli(List.of("member", "remove", leader, "--force"), endpoints), CLI_TIMEOUT);
        assertThat(last.exitCode()).as("stderr: %s", last.errors()).isEqualTo(EXIT_REJECTED);
        assertThat(last.errors()).startsWith("raftkv member remove: refused: " + leader + " is the last member");
        OperatorCommand.Outcome list = OperatorCommand.run(baseDirectory, "list", cli(List.of("member", "list"), endpoints),
                CLI_TIMEOUT);
        assertThat(list.exitCode()).isZero();
        assertThat(list.output()).contains(leader).contains("VOTER").contains("yes");
    }

    private static List<String> cli(List<String> command, List<String> options) {
        return Stream.concat(command.stream(), options.stream()).toList();
    }
}
