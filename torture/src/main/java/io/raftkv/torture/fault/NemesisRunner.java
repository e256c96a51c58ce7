package io.raftkv.torture.fault;

import io.raftkv.core.Invariants;
import io.raftkv.testing.LocalCluster;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Plays a {@link NemesisSchedule} against a {@link LocalCluster} on a thread of its own: injects each fault, holds it,
 * heals it, waits out the quiet gap, and records every fault as a {@link FaultWindow}. {@link #stop()} ends the
 * current fault early and heals everything. A failure of the nemesis thread is kept and thrown from {@link #stop()},
 * since a run whose faults silently stopped would pass for a clean one.
 *
 * <p>Healing is always complete, whatever the fault was: every node this runner killed is restarted, every node it
 * paused is resumed, the firewall is flushed and every clock is put back on real time.
 */
public final class NemesisRunner implements AutoCloseable {
    /** Healing may restart a node and flush iptables; anything slower than this is a hang worth failing on. */
    public static final long STOP_TIMEOUT_MILLIS = 60_000;
    /** Mixed into the seed so the runner's draws (nodes, sides, offsets) differ from the schedule's own. */
    private static final long RUNNER_SEED_SALT = 0x6e656d6573697321L;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MILLIS_PER_SECOND = 1e3;

    private final LocalCluster cluster;
    private final Firewall firewall;
    private final ClockControl clock;
    private final NemesisSchedule schedule;
    private final long clockSkewBoundMillis;
    private final Random random;
    private final LongSupplier runClockNanos;
    private final PrintStream progress;
    private final Thread thread = new Thread(this::runSchedule, "raftkv-nemesis");
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final List<FaultWindow> timeline = new CopyOnWriteArrayList<>();
    private final Set<String> killedNodes = ConcurrentHashMap.newKeySet();
    private final Set<String> pausedNodes = ConcurrentHashMap.newKeySet();
    /** The fault in force, until it is healed and its window recorded. */
    private volatile ActiveFault activeFault;
    private volatile Throwable failure;
    private boolean started;
    private boolean stopped;

    /** A fault that began and is not healed yet. */
    private record ActiveFault(FaultKind kind, String description, long startNanos) {
    }

    /** A node picked for a single-node fault, and why it was that one ("leader", "random"). */
    private record ChosenNode(String id, String reason) {
    }

    /**
     * @param firewall             needed (non-null) when the schedule has partitions or packet loss
     * @param clock                needed (non-null) when the schedule has clock faults
     * @param clockSkewBoundMillis how far a clock fault may move a node's clock, each way
     * @param seed                 for the choices made at injection time (which node, which sides, which offsets)
     * @param runClockNanos        the run's clock, for the fault windows, on the same scale as the history's
     * @param progress             gets one line per fault
     */
    public NemesisRunner(LocalCluster cluster, Firewall firewall, ClockControl clock, NemesisSchedule schedule,
                         long clockSkewBoundMillis, long seed, LongSupplier runClockNanos, PrintStream progress) {
        boolean needsFirewall = schedule.kinds().stream().anyMatch(FaultKind::needsFirewall);
        boolean needsClock = schedule.kinds().stream().anyMatch(FaultKind::needsClockControl);
        Invariants.check(!needsFirewall || firewall != null, "partitions and packet loss need a firewall");
        Invariants.check(!needsClock || clock != null, "clock faults need a ClockControl");
        Invariants.check(!needsClock || (clockSkewBoundMillis > 0
                        && clockSkewBoundMillis <= ClockControl.OFFSET_MILLIS_MAX),
                "clock faults need a skew bound of 1..%d ms, was %d", ClockControl.OFFSET_MILLIS_MAX,
                clockSkewBoundMillis);
        Invariants.check(schedule.nodeCount() == cluster.nodeIds().size(),
                "the schedule is for %d nodes, the cluster has %d", schedule.nodeCount(), cluster.nodeIds().size());
        long hostCount = cluster.nodeIds().stream().map(id -> cluster.node(id).host()).distinct().count();
        Invariants.check(!needsFirewall || hostCount == cluster.nodeIds().size(),
                "partitions and packet loss need every node on an address of its own (per-node addresses)");
        this.cluster = cluster;
        this.firewall = firewall;
        this.clock = clock;
        this.schedule = schedule;
        this.clockSkewBoundMillis = clockSkewBoundMillis;
        this.random = new Random(seed ^ RUNNER_SEED_SALT);
        this.runClockNanos = runClockNanos;
        this.progress = progress;
        thread.setDaemon(true);
    }

    /** Starts playing the schedule; returns at once. */
    public synchronized void start() {
        Invariants.check(!started, "the nemesis was already started");
        Invariants.check(!stopped, "the nemesis was already stopped");
        started = true;
        thread.start();
    }

    /**
     * Ends the current fault early, heals everything and waits for the nemesis thread to end. Idempotent. Throws what
     * the nemesis thread failed with, if it did.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopRequested.countDown();
        if (started) {
            awaitThreadEnd();
        }
        try {
            healEverything();
        } catch (RuntimeException healFailure) {
            if (failure == null) {
                throw healFailure;
            }
            failure.addSuppressed(healFailure);
        }
        switch (failure) {
            case null -> {
            }
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> throw new IllegalStateException("the nemesis failed", failure);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * What the nemesis thread failed with, if it did; it then injects nothing more. {@link #stop()} throws it too, but
     * a caller may want to end the run early instead of waiting for its planned end.
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The faults so far, in order, each from its injection until it was healed. */
    public List<FaultWindow> timeline() {
        return List.copyOf(timeline);
    }

    private void runSchedule() {
        try {
            if (stopRequestedWithin(schedule.initialQuietMillis())) {
                return;
            }
            for (PlannedFault fault : schedule.faults()) {
                // Until the injection says what it did, the plan stands in, should the injection fail half-way.
                activeFault = new ActiveFault(fault.kind(), "injecting " + fault, runClockNanos.getAsLong());
                String description = inject(fault);
                activeFault = new ActiveFault(fault.kind(), description, activeFault.startNanos());
                progress.println(String.format(Locale.ROOT, "[%5.1f s] %s for %.1f s",
                        activeFault.startNanos() / NANOS_PER_SECOND, description,
                        fault.holdMillis() / MILLIS_PER_SECOND));
                boolean stopping = stopRequestedWithin(fault.holdMillis());
                healEverything();
                if (stopping || stopRequestedWithin(fault.quietMillis())) {
                    return;
                }
            }
        } catch (Throwable nemesisFailure) {
            failure = nemesisFailure;
        }
    }

    /** Applies the fault; returns what it did, for the timeline. */
    private String inject(PlannedFault fault) {
        return switch (fault) {
            case PlannedFault.Kill kill -> {
                ChosenNode node = choose(kill.target());
                killedNodes.add(node.id());
                cluster.kill(node.id());
                yield "kill -9 " + node.id() + " (" + node.reason() + ")";
            }
            case PlannedFault.Pause pause -> {
                ChosenNode node = choose(pause.target());
                pausedNodes.add(node.id());
                cluster.pause(node.id());
                yield "pause " + node.id() + " (" + node.reason() + ")";
            }
            case PlannedFault.Partition partition -> cut(partition.shape());
            case PlannedFault.PacketLoss loss -> loseLinks(loss.probabilityPercent());
            case PlannedFault.ClockSkew skew -> skew.jump() ? stepOneClock() : skewEveryClock();
        };
    }

    private ChosenNode choose(Target target) {
        return switch (target) {
            case LEADER -> cluster.leaderId().map(leader -> new ChosenNode(leader, "leader"))
                    .orElseGet(() -> new ChosenNode(randomRunningNode(), "random, no leader found"));
            case RANDOM_NODE -> new ChosenNode(randomRunningNode(), "random");
        };
    }

    private String randomRunningNode() {
        List<String> running = cluster.nodeIds().stream()
                .filter(id -> cluster.node(id).isRunning() && !cluster.node(id).isPaused()).toList();
        Invariants.check(!running.isEmpty(), "no node is running, so none can be picked for a fault");
        return running.get(random.nextInt(running.size()));
    }

    private String cut(PartitionShape shape) {
        Optional<String> leader = shape == PartitionShape.ISOLATED_LEADER ? cluster.leaderId() : Optional.empty();
        NetworkCut cut = NetworkCut.of(shape, cluster.nodeIds(), leader, random);
        cut.separatedLinks().forEach(link -> firewall.drop(host(link.from()), host(link.to())));
        return cut.description();
    }

    private String loseLinks(int probabilityPercent) {
        for (String from : cluster.nodeIds()) {
            for (String to : cluster.otherThan(from)) {
                firewall.dropRandomly(host(from), host(to), probabilityPercent);
            }
        }
        return "packet loss " + probabilityPercent + "% on every link";
    }

    private String stepOneClock() {
        String node = cluster.nodeIds().get(random.nextInt(cluster.nodeIds().size()));
        long offsetMillis = random.nextBoolean() ? clockSkewBoundMillis : -clockSkewBoundMillis;
        clock.setOffsetMillis(node, offsetMillis);
        return "clock jump " + node + " " + signed(offsetMillis) + " ms";
    }

    private String skewEveryClock() {
        List<String> offsets = new ArrayList<>();
        for (String node : cluster.nodeIds()) {
            long offsetMillis = random.nextLong(-clockSkewBoundMillis, clockSkewBoundMillis + 1);
            clock.setOffsetMillis(node, offsetMillis);
            offsets.add(node + " " + signed(offsetMillis) + " ms");
        }
        return "clock " + String.join(", ", offsets);
    }

    /**
     * Undoes every fault this runner may have left: resumes the nodes it paused, restarts the ones it killed, flushes
     * the firewall and resets the clocks; then closes the window of the fault in force, if any. Safe to repeat. Every
     * step is tried even when an earlier one fails, so one broken tool cannot leave the other faults in place; the
     * first failure is thrown at the end, with the others suppressed in it.
     */
    private void healEverything() {
        RuntimeException firstFailure = null;
        for (Runnable step : List.<Runnable>of(this::resumePausedNodes, this::restartKilledNodes, this::healFirewall,
                this::resetClocks)) {
            try {
                step.run();
            } catch (RuntimeException stepFailure) {
                if (firstFailure == null) {
                    firstFailure = stepFailure;
                } else {
                    firstFailure.addSuppressed(stepFailure);
                }
            }
        }
        closeActiveWindow();
        if (firstFailure != null) {
            throw firstFailure;
        }
    }

    private void resumePausedNodes() {
        for (String node : List.copyOf(pausedNodes)) {
            if (cluster.isPaused(node)) {
                cluster.resume(node);
            }
            pausedNodes.remove(node);
        }
    }

    private void restartKilledNodes() {
        for (String node : List.copyOf(killedNodes)) {
            if (!cluster.node(node).isRunning()) {
                cluster.restart(node);
            }
            killedNodes.remove(node);
        }
    }

    private void healFirewall() {
        if (firewall != null) {
            firewall.heal();
        }
    }

    private void resetClocks() {
        if (clock != null) {
            clock.resetAll();
        }
    }

    private void closeActiveWindow() {
        ActiveFault healed = activeFault;
        if (healed != null) {
            timeline.add(new FaultWindow(healed.kind().optionName(), healed.description(), healed.startNanos(),
                    runClockNanos.getAsLong()));
            activeFault = null;
        }
    }

    private boolean stopRequestedWithin(long millis) {
        try {
            return stopRequested.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the nemesis was interrupted", interrupted);
        }
    }

    private void awaitThreadEnd() {
        try {
            thread.join(STOP_TIMEOUT_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the nemesis", interrupted);
        }
        Invariants.check(!thread.isAlive(), "the nemesis thread did not end within %d ms of stop: %s",
                STOP_TIMEOUT_MILLIS, describeThread());
    }

    private String describeThread() {
        return Arrays.stream(thread.getStackTrace()).map(StackTraceElement::toString)
                .collect(Collectors.joining("\n    at ", "\n    at ", ""));
    }

    private String host(String nodeId) {
        return cluster.node(nodeId).host();
    }

    private static String signed(long millis) {
        return (millis >= 0 ? "+" : "") + millis;
    }
}
