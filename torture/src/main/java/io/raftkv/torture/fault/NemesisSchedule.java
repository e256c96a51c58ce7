package io.raftkv.torture.fault;

import io.raftkv.core.Invariants;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The faults of one run, planned up front from the seed alone, one at a time: each is held for a while, healed, and
 * followed by a quiet gap in which the cluster should recover. The same inputs always give the same plan; which node
 * a fault hits is only decided when it is injected, since the leader is not known in advance.
 *
 * <p>The first faults are every chosen kind once, in random order, so that a short run still sees each kind; after
 * that kinds are drawn at random. When the run is too short for one full round at the normal durations (hold
 * {@value #HOLD_MILLIS_MIN}–{@value #HOLD_MILLIS_MAX} ms, quiet
 * {@value #QUIET_MILLIS_MIN}–{@value #QUIET_MILLIS_MAX} ms), every duration is scaled down, at most to
 * {@value #SCALE_MIN} of it. Every fault, quiet gap included, ends within the run.
 *
 * @param seed                 the seed everything random is drawn from
 * @param kinds                the kinds of fault to inject, in {@link FaultKind} order
 * @param runDurationMillis    how long the run lasts
 * @param nodeCount            how many nodes the cluster has (some partition shapes need more)
 * @param initialQuietMillis   how long the cluster runs healthy before the first fault
 * @param faults               the faults, in order
 */
public record NemesisSchedule(long seed, List<FaultKind> kinds, long runDurationMillis, int nodeCount,
                              long initialQuietMillis, List<PlannedFault> faults) {
    public static final long HOLD_MILLIS_MIN = 2_000;
    public static final long HOLD_MILLIS_MAX = 8_000;
    public static final long QUIET_MILLIS_MIN = 2_000;
    public static final long QUIET_MILLIS_MAX = 5_000;
    /** Shorter faults than a quarter of the normal ones would end before an election timeout passed. */
    public static final double SCALE_MIN = 0.25;
    /** Packet loss between these shares: low enough that some messages arrive, high enough that retries are needed. */
    public static final int LOSS_PERCENT_MIN = 10;
    public static final int LOSS_PERCENT_MAX = 40;

    public NemesisSchedule {
        kinds = List.copyOf(kinds);
        faults = List.copyOf(faults);
    }

    /**
     * Plans the faults of a run; see the class comment for how. How far clock faults move clocks is the runner's
     * concern ({@link NemesisRunner}), not the plan's.
     */
    public static NemesisSchedule plan(long seed, List<FaultKind> kinds, Duration runDuration, int nodeCount) {
        long runDurationMillis = runDuration.toMillis();
        checkInputs(kinds, runDurationMillis, nodeCount);
        List<FaultKind> orderedKinds = Arrays.stream(FaultKind.values()).filter(kinds::contains).toList();
        Random random = new Random(seed);
        double scale = scale(orderedKinds.size(), runDurationMillis);
        long initialQuietMillis = Math.round(QUIET_MILLIS_MIN * scale);
        List<FaultKind> firstRound = new ArrayList<>(orderedKinds);
        Collections.shuffle(firstRound, random);
        List<PlannedFault> faults = new ArrayList<>();
        long plannedMillis = initialQuietMillis;
        while (!orderedKinds.isEmpty()) {
            FaultKind kind = faults.size() < firstRound.size() ? firstRound.get(faults.size())
                    : orderedKinds.get(random.nextInt(orderedKinds.size()));
            PlannedFault fault = fault(kind, random, scale, nodeCount);
            plannedMillis += fault.holdMillis() + fault.quietMillis();
            if (plannedMillis > runDurationMillis) {
                break;
            }
            faults.add(fault);
        }
        return new NemesisSchedule(seed, orderedKinds, runDurationMillis, nodeCount, initialQuietMillis, faults);
    }

    /** The partition shapes that cut something in a cluster of this size. */
    public static List<PartitionShape> shapesFor(int nodeCount) {
        return Arrays.stream(PartitionShape.values()).filter(shape -> nodeCount >= shape.nodeCountMin()).toList();
    }

    private static void checkInputs(List<FaultKind> kinds, long runDurationMillis, int nodeCount) {
        Invariants.check(runDurationMillis > 0, "the run duration must be positive, was %d ms", runDurationMillis);
        Invariants.check(nodeCount >= 1, "nodeCount must be positive, was %d", nodeCount);
        boolean cutsLinks = kinds.contains(FaultKind.PARTITION) || kinds.contains(FaultKind.LOSS);
        Invariants.check(!cutsLinks || nodeCount >= 2, "partitions and packet loss need at least 2 nodes, got %d",
                nodeCount);
    }

    /** The factor on every duration that lets one fault of each kind (at the longest) fit in the run. */
    private static double scale(int kindCount, long runDurationMillis) {
        double roundMillis = QUIET_MILLIS_MIN + kindCount * (double) (HOLD_MILLIS_MAX + QUIET_MILLIS_MAX);
        return Math.clamp(runDurationMillis / roundMillis, SCALE_MIN, 1.0);
    }

    private static PlannedFault fault(FaultKind kind, Random random, double scale, int nodeCount) {
        long holdMillis = Math.round(between(random, HOLD_MILLIS_MIN, HOLD_MILLIS_MAX) * scale);
        long quietMillis = Math.round(between(random, QUIET_MILLIS_MIN, QUIET_MILLIS_MAX) * scale);
        return switch (kind) {
            case KILL -> new PlannedFault.Kill(target(random), holdMillis, quietMillis);
            case PAUSE -> new PlannedFault.Pause(target(random), holdMillis, quietMillis);
            case PARTITION -> {
                List<PartitionShape> shapes = shapesFor(nodeCount);
                yield new PlannedFault.Partition(shapes.get(random.nextInt(shapes.size())), holdMillis, quietMillis);
            }
            case LOSS -> new PlannedFault.PacketLoss((int) between(random, LOSS_PERCENT_MIN, LOSS_PERCENT_MAX),
                    holdMillis, quietMillis);
            case CLOCK -> new PlannedFault.ClockSkew(random.nextBoolean(), holdMillis, quietMillis);
        };
    }

    private static Target target(Random random) {
        return random.nextBoolean() ? Target.LEADER : Target.RANDOM_NODE;
    }

    /** Uniform in {@code [minimum, maximum]}. */
    private static long between(Random random, long minimum, long maximum) {
        return minimum + random.nextLong(maximum - minimum + 1);
    }
}
