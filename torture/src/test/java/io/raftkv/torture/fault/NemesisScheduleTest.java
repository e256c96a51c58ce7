package io.raftkv.torture.fault;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan of a run. Seeds are fixed ranges, named in every failure message. */
class NemesisScheduleTest {
    private static final List<FaultKind> ALL = List.of(FaultKind.values());
    private static final int SEEDS = 200;

    @Test
    void theSameInputsGiveTheSamePlan() {
        NemesisSchedule first = NemesisSchedule.plan(12345, ALL, Duration.ofSeconds(120), 5);
        NemesisSchedule second = NemesisSchedule.plan(12345, ALL, Duration.ofSeconds(120), 5);

        assertThat(second).isEqualTo(first);
        assertThat(first.faults()).isNotEmpty();
    }

    @Test
    void theOrderOfTheKindsDoesNotChangeThePlan() {
        assertThat(NemesisSchedule.plan(9, List.of(FaultKind.CLOCK, FaultKind.KILL), Duration.ofSeconds(60), 3))
                .isEqualTo(NemesisSchedule.plan(9, List.of(FaultKind.KILL, FaultKind.CLOCK), Duration.ofSeconds(60),
                        3));
    }

    @Test
    void differentSeedsGiveDifferentPlans() {
        Set<List<PlannedFault>> plans = java.util.stream.LongStream.range(0, 10)
                .mapToObj(seed -> NemesisSchedule.plan(seed, ALL, Duration.ofSeconds(120), 5).faults())
                .collect(Collectors.toSet());

        assertThat(plans).hasSize(10);
    }

    @Test
    void everyChosenKindComesOnceBeforeAnyComesTwice() {
        for (long seed = 0; seed < SEEDS; seed++) {
            NemesisSchedule schedule = NemesisSchedule.plan(seed, ALL, Duration.ofSeconds(120), 5);

            assertThat(schedule.faults().subList(0, ALL.size()).stream().map(PlannedFault::kind))
                    .as("seed %d", seed).containsExactlyInAnyOrderElementsOf(ALL);
        }
    }

    @Test
    void aFullLengthRunUsesTheNormalDurations() {
        for (long seed = 0; seed < SEEDS; seed++) {
            NemesisSchedule schedule = NemesisSchedule.plan(seed, List.of(FaultKind.KILL, FaultKind.PARTITION),
                    Duration.ofSeconds(120), 5);

            assertThat(schedule.faults()).as("seed %d", seed).allSatisfy(fault -> {
                assertThat(fault.holdMillis()).isBetween(NemesisSchedule.HOLD_MILLIS_MIN,
                        NemesisSchedule.HOLD_MILLIS_MAX);
                assertThat(fault.quietMillis()).isBetween(NemesisSchedule.QUIET_MILLIS_MIN,
                        NemesisSchedule.QUIET_MILLIS_MAX);
            });
            assertThat(schedule.initialQuietMillis()).isEqualTo(NemesisSchedule.QUIET_MILLIS_MIN);
        }
    }

    @Test
    void aShortRunIsScaledDownSoItStillSeesEveryKind() {
        long runMillis = 30_000;
        // One round at the longest durations, initial quiet gap included, must fit the run.
        double scale = runMillis / (double) (NemesisSchedule.QUIET_MILLIS_MIN
                + ALL.size() * (NemesisSchedule.HOLD_MILLIS_MAX + NemesisSchedule.QUIET_MILLIS_MAX));
        for (long seed = 0; seed < SEEDS; seed++) {
            NemesisSchedule schedule = NemesisSchedule.plan(seed, ALL, Duration.ofMillis(runMillis), 3);

            assertThat(schedule.faults().stream().map(PlannedFault::kind).collect(Collectors.toSet()))
                    .as("seed %d", seed).containsExactlyInAnyOrderElementsOf(ALL);
            assertThat(schedule.faults()).as("seed %d", seed).allSatisfy(fault -> {
                assertThat(fault.holdMillis()).isBetween(Math.round(NemesisSchedule.HOLD_MILLIS_MIN * scale),
                        Math.round(NemesisSchedule.HOLD_MILLIS_MAX * scale));
                assertThat(fault.quietMillis()).isBetween(Math.round(NemesisSchedule.QUIET_MILLIS_MIN * scale),
                        Math.round(NemesisSchedule.QUIET_MILLIS_MAX * scale));
            });
        }
    }

    @Test
    void everyFaultAndItsQuietGapEndWithinTheRun() {
        for (long seed = 0; seed < SEEDS; seed++) {
            for (long seconds : List.of(5L, 30L, 120L, 600L)) {
                NemesisSchedule schedule = NemesisSchedule.plan(seed, ALL, Duration.ofSeconds(seconds), 5);

                long plannedMillis = schedule.initialQuietMillis() + schedule.faults().stream()
                        .mapToLong(fault -> fault.holdMillis() + fault.quietMillis()).sum();
                assertThat(plannedMillis).as("seed %d, %d s", seed, seconds).isLessThanOrEqualTo(seconds * 1000);
            }
        }
    }

    @Test
    void scalingNeverMakesFaultsShorterThanTheMinimumScale() {
        // Four seconds hold the first quiet gap and one fault even at the longest scaled durations.
        NemesisSchedule schedule = NemesisSchedule.plan(1, ALL, Duration.ofSeconds(4), 5);

        assertThat(schedule.faults()).isNotEmpty().allMatch(fault -> fault.holdMillis()
                >= Math.round(NemesisSchedule.HOLD_MILLIS_MIN * NemesisSchedule.SCALE_MIN));
        assertThat(schedule.faults().size()).isLessThan(ALL.size());
    }

    @Test
    void partitionShapesFitTheClusterSize() {
        assertThat(NemesisSchedule.shapesFor(2))
                .containsExactly(PartitionShape.MAJORITY_MINORITY, PartitionShape.ISOLATED_LEADER);
        assertThat(NemesisSchedule.shapesFor(3)).doesNotContain(PartitionShape.RING);
        assertThat(NemesisSchedule.shapesFor(5)).containsExactly(PartitionShape.values());
        for (long seed = 0; seed < SEEDS; seed++) {
            assertThat(NemesisSchedule.plan(seed, List.of(FaultKind.PARTITION), Duration.ofSeconds(120), 3).faults())
                    .as("seed %d", seed)
                    .allMatch(fault -> ((PlannedFault.Partition) fault).shape() != PartitionShape.RING);
        }
    }

    @Test
    void aLongRunUsesEveryShapeAndBothTargets() {
        List<PlannedFault> faults = NemesisSchedule.plan(5, ALL, Duration.ofMinutes(30), 5).faults();

        assertThat(faults.stream().filter(PlannedFault.Partition.class::isInstance)
                .map(fault -> ((PlannedFault.Partition) fault).shape()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(PartitionShape.values());
        assertThat(faults.stream().filter(PlannedFault.Kill.class::isInstance)
                .map(fault -> ((PlannedFault.Kill) fault).target()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Target.values());
        assertThat(faults.stream().filter(PlannedFault.ClockSkew.class::isInstance)
                .map(fault -> ((PlannedFault.ClockSkew) fault).jump()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(true, false);
        assertThat(faults.stream().filter(PlannedFault.PacketLoss.class::isInstance)
                .mapToInt(fault -> ((PlannedFault.PacketLoss) fault).probabilityPercent()))
                .allMatch(percent -> percent >= NemesisSchedule.LOSS_PERCENT_MIN
                        && percent <= NemesisSchedule.LOSS_PERCENT_MAX);
    }

    @Test
    void noKindsMeansNoFaults() {
        assertThat(NemesisSchedule.plan(1, List.of(), Duration.ofSeconds(60), 3).faults()).isEmpty();
    }

    @Test
    void networkFaultsOnOneNodeAreRefused() {
        assertThatThrownBy(() -> NemesisSchedule.plan(1, List.of(FaultKind.LOSS), Duration.ofSeconds(60), 1))
                .hasMessageContaining("at least 2 nodes");
        assertThat(NemesisSchedule.plan(1, List.copyOf(EnumSet.of(FaultKind.KILL, FaultKind.PAUSE)),
                Duration.ofSeconds(60), 1).faults()).isNotEmpty();
    }
}
