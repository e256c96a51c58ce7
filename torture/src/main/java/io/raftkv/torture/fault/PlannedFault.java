package io.raftkv.torture.fault;

import io.raftkv.core.Invariants;

/**
 * One fault of a {@link NemesisSchedule}: what to inject, how long it lasts ({@code holdMillis}) and how long the
 * cluster then stays healthy before the next one ({@code quietMillis}).
 */
public sealed interface PlannedFault {
    long holdMillis();

    long quietMillis();

    FaultKind kind();

    /** SIGKILL of the target, restarted when the hold ends. */
    record Kill(Target target, long holdMillis, long quietMillis) implements PlannedFault {
        public Kill {
            checkDurations(holdMillis, quietMillis);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.KILL;
        }
    }

    /** SIGSTOP of the target, SIGCONT when the hold ends. */
    record Pause(Target target, long holdMillis, long quietMillis) implements PlannedFault {
        public Pause {
            checkDurations(holdMillis, quietMillis);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.PAUSE;
        }
    }

    /** Links between the sides of the shape are cut in both directions. */
    record Partition(PartitionShape shape, long holdMillis, long quietMillis) implements PlannedFault {
        public Partition {
            checkDurations(holdMillis, quietMillis);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.PARTITION;
        }
    }

    /** Every link between nodes drops this share of its packets, in both directions. */
    record PacketLoss(int probabilityPercent, long holdMillis, long quietMillis) implements PlannedFault {
        public PacketLoss {
            checkDurations(holdMillis, quietMillis);
            Invariants.check(probabilityPercent > 0 && probabilityPercent <= Firewall.PROBABILITY_PERCENT_MAX,
                    "probabilityPercent must be 1..%d, was %d", Firewall.PROBABILITY_PERCENT_MAX, probabilityPercent);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.LOSS;
        }
    }

    /**
     * Wall clocks off real time, within the run's skew bound: every node by a random offset, or with {@code jump}
     * one node stepped by the whole bound, forwards or backwards.
     */
    record ClockSkew(boolean jump, long holdMillis, long quietMillis) implements PlannedFault {
        public ClockSkew {
            checkDurations(holdMillis, quietMillis);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.CLOCK;
        }
    }

    private static void checkDurations(long holdMillis, long quietMillis) {
        Invariants.check(holdMillis > 0, "holdMillis must be positive, was %d", holdMillis);
        Invariants.check(quietMillis >= 0, "quietMillis must not be negative, was %d", quietMillis);
    }
}
