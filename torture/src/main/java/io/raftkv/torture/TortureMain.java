package io.raftkv.torture;

import io.raftkv.cli.DurationParser;
import io.raftkv.torture.fault.FaultKind;
import io.raftkv.torture.run.Requirements;
import io.raftkv.torture.run.RunResult;
import io.raftkv.torture.run.TortureOptions;
import io.raftkv.torture.run.TortureRun;
import io.raftkv.torture.workload.WorkloadKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code raftkv torture}: a Jepsen-style run against a real local cluster, ending in a verdict and a report. */
@Command(name = "raftkv torture", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs real raftkv servers on 127.0.1.N, drives clients while injecting faults,",
                "heals, then checks the history: linearizability, lost writes, TTL anomalies.",
                "Needs root with iptables (partition, loss), libfaketime (clock) and gcc."},
        footer = {"", "Exit codes: 0 valid, 1 invalid (a bug: see the report), 2 bad usage, 3 unknown (the check ran",
                "out of time), 4 this machine lacks a tool a chosen nemesis needs, 70 the harness itself failed."})
public final class TortureMain implements Callable<Integer> {
    static final int EXIT_VALID = 0;
    static final int EXIT_INVALID = 1;
    static final int EXIT_UNKNOWN = 3;
    static final int EXIT_MISSING_TOOL = 4;
    static final int EXIT_HARNESS_FAILURE = 70;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "5",
            description = "Server processes, 3..7 (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--time", paramLabel = "DURATION", defaultValue = "60s", converter = DurationParser.class,
            description = "How long clients run under faults before healing (default 60s).")
    Duration time;

    @Option(names = "--nemesis", paramLabel = "KINDS", defaultValue = "kill,pause,partition,clock",
            description = "Faults to draw from: kill, pause, partition, loss, clock, or none "
                    + "(default ${DEFAULT-VALUE}).")
    String nemesis;

    @Option(names = "--workload", paramLabel = "KINDS", defaultValue = "register,set",
            description = "Workloads to mix: register, set, ttl (default ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--seed", paramLabel = "N", description = "Makes the schedule and client choices repeatable "
            + "(default: a random seed, printed).")
    Long seed;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "10",
            description = "Concurrent client processes (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--clock-skew-max", paramLabel = "DURATION", defaultValue = "2s",
            converter = DurationParser.class,
            description = "The largest clock offset the clock nemesis sets; also the TTL check's allowance.")
    Duration clockSkewMax;

    @Option(names = "--snapshot-every", paramLabel = "N", defaultValue = "500",
            description = "Servers snapshot every N entries; small, so snapshots happen under faults.")
    long snapshotEvery;

    @Option(names = "--check-budget", paramLabel = "DURATION", defaultValue = "120s",
            converter = DurationParser.class,
            description = "How long the linearizability search may take before it answers unknown.")
    Duration checkBudget;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where the report goes (default: torture-reports/<time>-seed<seed>).")
    Path reportDirectory;

    public static void main(String[] arguments) {
        CommandLine commandLine = new CommandLine(new TortureMain())
                .setExecutionExceptionHandler((failure, command, parseResult) -> {
                    // The harness itself broke (not the system under test): one clear line, the details in the logs.
                    System.err.println("torture: the run could not complete: " + failure);
                    return EXIT_HARNESS_FAILURE;
                });
        System.exit(commandLine.execute(arguments));
    }

    @Override
    public Integer call() throws Exception {
        long runSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        TortureOptions options;
        try {
            options = new TortureOptions(nodes, time, FaultKind.parseList(nemesis), WorkloadKind.parseList(workload),
                    runSeed, clients, clockSkewMax.toMillis(), snapshotEvery, checkBudget, reportDirectory(runSeed));
        } catch (IllegalArgumentException invalid) {
            throw new CommandLine.ParameterException(new CommandLine(this), invalid.getMessage());
        }
        List<String> missing = Requirements.missing(options);
        if (!missing.isEmpty()) {
            missing.forEach(reason -> System.err.println("torture: cannot run here: " + reason));
            return EXIT_MISSING_TOOL;
        }
        RunResult result = TortureRun.run(options, System.out);
        return switch (result.verdict().word()) {
            case VALID -> EXIT_VALID;
            case INVALID -> EXIT_INVALID;
            case UNKNOWN -> EXIT_UNKNOWN;
        };
    }

    private Path reportDirectory(long runSeed) {
        if (reportDirectory != null) {
            return reportDirectory;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        return Path.of("torture-reports", stamp + "-seed" + runSeed);
    }
}
