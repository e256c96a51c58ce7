package io.raftkv.torture.run;

import io.raftkv.torture.fault.FaultKind;
import io.raftkv.torture.workload.WorkloadKind;

import java.util.stream.Collectors;

/** The command that repeats a run, for the report and the console. */
final class TortureCommandLine {
    private TortureCommandLine() {
    }

    static String of(TortureOptions options) {
        String nemesis = options.faults().isEmpty() ? "none"
                : options.faults().stream().map(FaultKind::optionName).collect(Collectors.joining(","));
        return "./raftkv torture --nodes " + options.nodeCount()
                + " --time " + options.duration().toSeconds() + "s"
                + " --nemesis " + nemesis
                + " --workload " + options.workloads().stream().map(WorkloadKind::optionName)
                .collect(Collectors.joining(","))
                + " --clients " + options.clientCount()
                + " --clock-skew-max " + options.clockSkewBoundMillis() + "ms"
                + " --snapshot-every " + options.snapshotEveryEntries()
                + " --seed " + options.seed();
    }
}
