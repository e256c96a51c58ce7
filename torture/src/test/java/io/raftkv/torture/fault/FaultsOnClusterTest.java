package io.raftkv.torture.fault;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import io.raftkv.testing.ClusterOptions;
import io.raftkv.testing.LocalCluster;
import io.raftkv.testing.NodeView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real faults on a real three-node cluster whose nodes each listen and connect on an address of their own. */
@Tag("integration")
class FaultsOnClusterTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Detection (one to two election timeouts, 0.3-0.6 s by default), pre-vote and the vote, on a loaded machine. */
    private static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONVERGENCE_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_INTERVAL_MILLIS = 200;
    private static final Duration NEMESIS_RUN = Duration.ofSeconds(40);
    private static final long CLOCK_SKEW_BOUND_MILLIS = 2_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @BeforeEach
    void assumeFaultTools() {
        FaultTools.require(Firewall.unavailableReason());
        FaultTools.require(SourceAddressShim.unavailableReason());
    }

    @Test
    void isolatingTheLeaderElectsAnotherAndHealingMakesOneClusterAgain() {
        SourceAddressShim shim = SourceAddressShim.build(directory.resolve("shim"));
        try (Firewall firewall = Firewall.open(); LocalCluster cluster = start(new NodeEnvironments(shim, null))) {
            String oldLeader = cluster.awaitLeader(ELECTION_TIMEOUT);
            List<String> others = cluster.otherThan(oldLeader);
            for (String other : others) {
                firewall.drop(host(cluster, oldLeader), host(cluster, other));
                firewall.drop(host(cluster, other), host(cluster, oldLeader));
            }

            String newLeader = awaitValue("a leader other than " + oldLeader, ELECTION_TIMEOUT, () -> others.stream()
                    .filter(other -> cluster.view(other).map(NodeView::isLeader).orElse(false)).findFirst(),
                    () -> describe(cluster));
            assertThat(others).contains(newLeader);
            cluster.client().put("during-partition", "majority");

            firewall.heal();

            cluster.client().put("after-heal", "everyone");
            awaitTrue("every node to follow " + newLeader + " in one term and hold both writes", CONVERGENCE_TIMEOUT,
                    () -> oneClusterHolding(cluster, Set.of("during-partition", "after-heal")),
                    () -> describe(cluster));
        }
        assertThat(iptablesRules()).doesNotContain(Firewall.CHAIN);
    }

    @Test
    void theNemesisInjectsEveryKindAndLeavesTheClusterHealthy() {
        FaultTools.require(ClockControl.unavailableReason());
        long seed = new Random().nextLong();
        System.out.println("FaultsOnClusterTest nemesis seed " + seed);
        SourceAddressShim shim = SourceAddressShim.build(directory.resolve("shim"));
        ClockControl clock = new ClockControl(directory.resolve("clocks"));
        ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
        NemesisSchedule schedule = NemesisSchedule.plan(seed, List.of(FaultKind.values()), NEMESIS_RUN, 3);
        try (Firewall firewall = Firewall.open(); LocalCluster cluster = start(new NodeEnvironments(shim, clock))) {
            cluster.awaitLeader(ELECTION_TIMEOUT);
            long startNanos = System.nanoTime();
            NemesisRunner nemesis = new NemesisRunner(cluster, firewall, clock, schedule, CLOCK_SKEW_BOUND_MILLIS,
                    seed, () -> System.nanoTime() - startNanos,
                    new PrintStream(progressBytes, true, StandardCharsets.UTF_8));
            nemesis.start();
            awaitTrue("every planned fault (seed " + seed + ")", NEMESIS_RUN.plus(CONVERGENCE_TIMEOUT),
                    () -> nemesis.timeline().size() == schedule.faults().size() || nemesis.failure().isPresent(),
                    () -> nemesis.timeline() + "\n" + describe(cluster));
            nemesis.stop();
            List<FaultWindow> timeline = nemesis.timeline();
            String progress = progressBytes.toString(StandardCharsets.UTF_8);
            System.out.println(progress);

            assertThat(timeline.stream().map(FaultWindow::kind)).as("seed %d", seed)
                    .containsAll(List.of(FaultKind.values()).stream().map(FaultKind::optionName).toList());
            assertWindowsFollowEachOther(timeline);
            assertThat(progress.lines()).hasSize(timeline.size());
            assertThat(cluster.nodeIds()).allMatch(id -> cluster.node(id).isRunning() && !cluster.isPaused(id));
            assertThat(cluster.nodeIds()).allMatch(id -> clock.offsetMillis(id) == 0);
            assertThat(iptablesRules(Firewall.CHAIN)).doesNotContain("DROP");
            cluster.client().put("after-nemesis", "written");
            awaitTrue("one cluster again (seed " + seed + ")", CONVERGENCE_TIMEOUT,
                    () -> oneClusterHolding(cluster, Set.of("after-nemesis")), () -> describe(cluster));
        }
        assertThat(iptablesRules()).doesNotContain(Firewall.CHAIN);
    }

    @Test
    void aFailureInsideTheNemesisIsThrownByStop() {
        SourceAddressShim shim = SourceAddressShim.build(directory.resolve("shim"));
        NemesisSchedule schedule = NemesisSchedule.plan(1, List.of(FaultKind.PARTITION), NEMESIS_RUN, 3);
        try (LocalCluster cluster = start(new NodeEnvironments(shim, null))) {
            Firewall firewall = Firewall.open();
            // Closing the firewall first makes the first partition fail inside the nemesis thread.
            firewall.close();
            NemesisRunner nemesis = new NemesisRunner(cluster, firewall, null, schedule, 0, 1, System::nanoTime,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            nemesis.start();
            awaitTrue("the nemesis to fail", CONVERGENCE_TIMEOUT, () -> nemesis.failure().isPresent(),
                    nemesis::timeline);

            assertThatThrownBy(nemesis::stop).hasMessageContaining("the firewall is closed");
            nemesis.stop();
            assertThat(nemesis.timeline()).singleElement().satisfies(window -> {
                assertThat(window.kind()).isEqualTo("partition");
                assertThat(window.description()).startsWith("injecting Partition");
            });
        }
    }

    private LocalCluster start(NodeEnvironments environments) {
        LocalCluster cluster = LocalCluster.start(ClusterOptions.in(directory.resolve("nodes"))
                .withPerNodeAddresses()
                .withNodeEnvironment(environments::forNode));
        cluster.awaitReady(START_TIMEOUT);
        return cluster;
    }

    /** Every node follows the same leader in the same term and has applied the given keys. */
    private static boolean oneClusterHolding(LocalCluster cluster, Set<String> keys) {
        List<Optional<NodeView>> views = cluster.nodeIds().stream().map(cluster::view).toList();
        if (views.stream().anyMatch(Optional::isEmpty)) {
            return false;
        }
        Set<String> leaders = views.stream().map(view -> view.orElseThrow().leaderId().orElse("none"))
                .collect(Collectors.toSet());
        Set<Long> terms = views.stream().map(view -> view.orElseThrow().term()).collect(Collectors.toSet());
        return leaders.size() == 1 && !leaders.contains("none") && terms.size() == 1
                && cluster.nodeIds().stream().allMatch(id -> holds(cluster, id, keys));
    }

    private static boolean holds(LocalCluster cluster, String id, Set<String> keys) {
        Set<Bytes> present = cluster.http().list(cluster.node(id), Bytes.EMPTY, ReadConsistency.SERIALIZABLE)
                .keyValues().keySet();
        return keys.stream().map(Bytes::utf8).allMatch(present::contains);
    }

    private static void assertWindowsFollowEachOther(List<FaultWindow> timeline) {
        for (int index = 0; index < timeline.size(); index++) {
            FaultWindow window = timeline.get(index);
            assertThat(window.endNanos()).as("window %s", window).isGreaterThanOrEqualTo(window.startNanos());
            if (index > 0) {
                assertThat(window.startNanos()).as("window %s after %s", window, timeline.get(index - 1))
                        .isGreaterThanOrEqualTo(timeline.get(index - 1).endNanos());
            }
        }
    }

    private static String host(LocalCluster cluster, String id) {
        return cluster.node(id).host();
    }

    private static String describe(LocalCluster cluster) {
        return cluster.nodeIds().stream().map(id -> id + "=" + cluster.http().describe(cluster.node(id)))
                .collect(Collectors.joining(", ")) + "\n" + cluster.describe(20);
    }

    private static String iptablesRules(String... chain) {
        List<String> command = new ArrayList<>(List.of(Command.find("iptables").orElseThrow().toString(),
                "-w", "-S"));
        command.addAll(List.of(chain));
        return Command.run(command).orThrow().output();
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition,
                                  Supplier<?> lastObservation) {
        awaitValue(what, timeout, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty(),
                lastObservation);
    }

    /** Polls until the supplier has a value; fails naming {@code what} and the last observation at the deadline. */
    private static <T> T awaitValue(String what, Duration timeout, Supplier<Optional<T>> value,
                                    Supplier<?> lastObservation) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> current = value.get();
            if (current.isPresent()) {
                return current.get();
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; last seen: " + lastObservation.get());
            }
            try {
                Thread.sleep(POLL_INTERVAL_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, interrupted);
            }
        }
    }
}
