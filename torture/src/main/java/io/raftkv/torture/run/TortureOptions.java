package io.raftkv.torture.run;

import io.raftkv.torture.fault.FaultKind;
import io.raftkv.torture.workload.WorkloadKind;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything that defines a run. Together with the seed it makes the run reproducible: the same options schedule the
 * same faults and the same client choices (the servers' own timing still varies).
 *
 * @param nodeCount            how many server processes, each on its own address 127.0.1.N
 * @param duration             how long clients run and faults are injected, before healing
 * @param faults               which nemeses the schedule draws from; empty for a run without faults
 * @param workloads            which workloads the clients mix
 * @param seed                 drives the fault schedule and every client's choices
 * @param clientCount          concurrent client processes
 * @param clockSkewBoundMillis the largest clock offset the clock nemesis sets, and the slack the TTL check allows
 * @param snapshotEveryEntries passed to every server: small, so that snapshots and installs happen under faults
 * @param checkBudget          how long the linearizability search may take before it answers "unknown"
 * @param reportDirectory      where the report goes; the node directories and logs go under it too
 */
public record TortureOptions(int nodeCount, Duration duration, List<FaultKind> faults, List<WorkloadKind> workloads,
                             long seed, int clientCount, long clockSkewBoundMillis, long snapshotEveryEntries,
                             Duration checkBudget, Path reportDirectory) {
    public static final int NODE_COUNT_MIN = 3;
    /** Each node is a JVM; more would not fit a small machine next to the clients. */
    public static final int NODE_COUNT_MAX = 7;
    public static final int CLIENT_COUNT_MAX = 64;
    /** Register keys: few, so that operations on one key overlap often, which is where anomalies hide. */
    public static final int REGISTER_KEY_COUNT = 5;
    public static final int SET_KEY_COUNT = 3;

    public TortureOptions {
        require(nodeCount >= NODE_COUNT_MIN && nodeCount <= NODE_COUNT_MAX, "nodes must be %d..%d, was %d",
                NODE_COUNT_MIN, NODE_COUNT_MAX, nodeCount);
        require(clientCount >= 1 && clientCount <= CLIENT_COUNT_MAX, "clients must be 1..%d, was %d",
                CLIENT_COUNT_MAX, clientCount);
        require(!duration.isNegative() && !duration.isZero(), "the run time must be positive, was %s",
                duration);
        require(!workloads.isEmpty(), "a run needs at least one workload");
        require(clockSkewBoundMillis >= 0, "the clock skew bound must not be negative, was %d",
                clockSkewBoundMillis);
        require(snapshotEveryEntries >= 1, "snapshot-every must be positive, was %d", snapshotEveryEntries);
        faults = List.copyOf(faults);
        workloads = List.copyOf(workloads);
    }

    /** Options come from a person: a bad one is their mistake, told plainly, not a broken invariant. */
    private static void require(boolean condition, String messageFormat, Object... arguments) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(messageFormat, arguments));
        }
    }

    /** The same run without one workload, for checking what can be checked; another workload must remain. */
    TortureOptions withoutWorkload(WorkloadKind removed) {
        List<WorkloadKind> remaining = workloads.stream().filter(kind -> kind != removed).toList();
        return new TortureOptions(nodeCount, duration, faults, remaining, seed,
                clientCount, clockSkewBoundMillis, snapshotEveryEntries, checkBudget, reportDirectory);
    }

    public boolean needsFirewall() {
        return faults.contains(FaultKind.PARTITION) || faults.contains(FaultKind.LOSS);
    }

    public boolean needsClockControl() {
        return faults.contains(FaultKind.CLOCK);
    }

    /** The slack the TTL check allows: the skew the nemesis may set, or none when clocks are left alone. */
    public long ttlSkewAllowanceMillis() {
        return needsClockControl() ? clockSkewBoundMillis : 0;
    }
}
