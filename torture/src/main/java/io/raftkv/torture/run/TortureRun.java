package io.raftkv.torture.run;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Invariants;
import io.raftkv.testing.ClusterOptions;
import io.raftkv.testing.LocalCluster;
import io.raftkv.torture.fault.ClockControl;
import io.raftkv.torture.fault.FaultWindow;
import io.raftkv.torture.fault.Firewall;
import io.raftkv.torture.fault.NemesisRunner;
import io.raftkv.torture.fault.NemesisSchedule;
import io.raftkv.torture.fault.NodeEnvironments;
import io.raftkv.torture.fault.SourceAddressShim;
import io.raftkv.torture.history.HistoryRecorder;
import io.raftkv.torture.history.Outcome;
import io.raftkv.torture.history.RecordedOperation;
import io.raftkv.torture.history.RunClock;
import io.raftkv.torture.run.RunVerdict.Word;
import io.raftkv.torture.workload.ClientWorkers;
import io.raftkv.torture.workload.RegisterWorkload;
import io.raftkv.torture.workload.SetWorkload;
import io.raftkv.torture.workload.TtlWorkload;
import io.raftkv.torture.workload.Workload;
import io.raftkv.torture.workload.WorkloadKind;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One torture run: start the cluster, run clients while the nemesis injects faults, heal, settle, read the final
 * state, check the history and write the report. Every process it starts is killed at the end, by handle.
 */
public final class TortureRun {
    /** A fresh cluster of JVMs on a busy machine: elections and JIT warm-up take a while. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** After healing, restarted nodes replay their logs and catch up; this bounds "settles". */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);
    static final long PROGRESS_INTERVAL_MILLIS = 10_000;

    private final TortureOptions options;
    private final PrintStream progress;
    /** Starts when the cluster is up: the history and the plot begin with the first operation, not the JVMs. */
    private RunClock clock;
    private HistoryRecorder recorder;

    private TortureRun(TortureOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs it all and writes the report; the caller has checked {@link Requirements#missing} first. */
    public static RunResult run(TortureOptions options, PrintStream progress) throws IOException, InterruptedException {
        Invariants.check(Requirements.missing(options).isEmpty(), "this machine cannot run %s: %s", options,
                Requirements.missing(options));
        return new TortureRun(options, progress).execute();
    }

    private RunResult execute() throws IOException, InterruptedException {
        Files.createDirectories(options.reportDirectory());
        progress.printf(Locale.ROOT, "torture: seed %d, %d nodes, %s, nemesis %s, workloads %s, %d clients%n",
                options.seed(), options.nodeCount(), options.duration(), options.faults(), options.workloads(),
                options.clientCount());
        progress.println("torture: report in " + options.reportDirectory().toAbsolutePath());
        List<Workload> workloads = workloads();
        ClockControl clockControl = options.needsClockControl()
                ? new ClockControl(options.reportDirectory().resolve("clocks")) : null;
        SourceAddressShim shim = options.needsFirewall()
                ? SourceAddressShim.build(options.reportDirectory().resolve("shim")) : null;
        List<FaultWindow> faults = List.of();
        String clusterProblem = null;
        try (Firewall firewall = options.needsFirewall() ? Firewall.open() : null;
             LocalCluster cluster = LocalCluster.start(clusterOptions(shim, clockControl))) {
            cluster.awaitReady(START_TIMEOUT);
            String leader = cluster.awaitLeader(START_TIMEOUT);
            clock = new RunClock();
            recorder = new HistoryRecorder(clock);
            progress.printf(Locale.ROOT, "[%5.1f s] cluster ready, leader %s%n", clock.seconds(), leader);
            // The cluster closes the clients it hands out.
            RaftKvClient setupClient = cluster.client();
            workloads.forEach(workload -> workload.prepare(setupClient, recorder));
            NemesisRunner nemesis = new NemesisRunner(cluster, firewall, clockControl,
                    NemesisSchedule.plan(options.seed(), options.faults(), options.duration(),
                            cluster.nodeIds().size()),
                    options.clockSkewBoundMillis(), options.seed(), clock::nanos, progress);
            try {
                runClients(cluster, workloads, nemesis);
            } finally {
                nemesis.stop();
                faults = nemesis.timeline();
            }
            progress.printf(Locale.ROOT, "[%5.1f s] healed; waiting for the cluster to settle%n", clock.seconds());
            clusterProblem = settleAndReadFinalState(cluster, workloads);
        }
        return finish(workloads, faults, clusterProblem);
    }

    private void runClients(LocalCluster cluster, List<Workload> workloads, NemesisRunner nemesis)
            throws InterruptedException {
        Map<String, String> endpoints = new LinkedHashMap<>();
        cluster.nodeIds().forEach(id -> endpoints.put(id, cluster.httpEndpoint(id)));
        ClientWorkers workers = ClientWorkers.start(options.clientCount(), endpoints, workloads, recorder,
                options.seed());
        nemesis.start();
        long endNanos = clock.nanos() + options.duration().toNanos();
        try {
            // A nemesis that failed would leave the rest of the run without faults: stop at once, stop() rethrows.
            while (clock.nanos() < endNanos && nemesis.failure().isEmpty()) {
                long sleepMillis = Math.min(PROGRESS_INTERVAL_MILLIS, (endNanos - clock.nanos()) / 1_000_000 + 1);
                Thread.sleep(sleepMillis);
                printCounts();
            }
        } finally {
            workers.stopAndJoin();
        }
    }

    private void printCounts() {
        Map<Outcome, Integer> counts = recorder.countsByOutcome();
        progress.printf(Locale.ROOT, "[%5.1f s] %d operations: %d ok, %d failed, %d unknown%n", clock.seconds(),
                counts.values().stream().mapToInt(Integer::intValue).sum(), counts.get(Outcome.OK),
                counts.get(Outcome.FAIL), counts.get(Outcome.UNKNOWN));
    }

    /**
     * Waits until every node is ready again and reads what the checks compare against. A node that crashed on its
     * own or a cluster that does not settle is a finding, not a harness error: it is returned for the verdict.
     */
    private String settleAndReadFinalState(LocalCluster cluster, List<Workload> workloads) {
        try {
            cluster.awaitReady(SETTLE_TIMEOUT);
            cluster.awaitLeader(SETTLE_TIMEOUT);
            RaftKvClient finalClient = cluster.client();
            workloads.forEach(workload -> workload.finish(finalClient, recorder));
            progress.printf(Locale.ROOT, "[%5.1f s] settled; final reads done%n", clock.seconds());
            return null;
        } catch (IllegalStateException notSettled) {
            progress.println("torture: the cluster did not recover: " + notSettled.getMessage());
            return notSettled.getMessage() + "\n" + cluster.describe(LocalCluster.CRASH_LOG_LINES);
        }
    }

    private RunResult finish(List<Workload> workloads, List<FaultWindow> faults, String clusterProblem)
            throws IOException {
        List<RecordedOperation> history = recorder.operations();
        progress.printf(Locale.ROOT, "[%5.1f s] checking %d operations%n", clock.seconds(), history.size());
        RunVerdict verdict;
        if (clusterProblem == null) {
            verdict = HistoryChecks.check(history, options, setKeys(workloads), options.checkBudget());
        } else {
            // The history up to the failure is still worth checking; only the set check needs the final reads.
            boolean onlySets = options.workloads().equals(List.of(WorkloadKind.SET));
            RunVerdict partial = onlySets ? new RunVerdict(Word.VALID, "")
                    : HistoryChecks.check(history, options.withoutWorkload(WorkloadKind.SET), List.of(),
                    options.checkBudget());
            verdict = new RunVerdict(Word.INVALID, "cluster: did not recover after healing\n" + clusterProblem
                    + "\n" + partial.text());
        }
        RunResult result = new RunResult(verdict, options.reportDirectory(), history.size(), faults.size());
        RunReport.write(options, history, faults, clock.nanos(), result);
        progress.println(verdict.text().strip());
        progress.printf(Locale.ROOT, "torture: %s (seed %d, %d operations, %d faults); report: %s%n",
                verdict.word(), options.seed(), history.size(), faults.size(),
                options.reportDirectory().resolve(RunReport.INDEX_FILE).toAbsolutePath());
        return result;
    }

    private ClusterOptions clusterOptions(SourceAddressShim shim, ClockControl clockControl) {
        NodeEnvironments environments = new NodeEnvironments(shim, clockControl);
        return ClusterOptions.in(options.reportDirectory().resolve(RunReport.NODES_DIRECTORY))
                .withNodeCount(options.nodeCount())
                .withPerNodeAddresses()
                .withSnapshotEveryEntries(options.snapshotEveryEntries())
                .withNodeEnvironment(environments::forNode);
    }

    private List<Workload> workloads() {
        return options.workloads().stream().<Workload>map(kind -> switch (kind) {
            case REGISTER -> new RegisterWorkload(TortureOptions.REGISTER_KEY_COUNT);
            case SET -> new SetWorkload(TortureOptions.SET_KEY_COUNT);
            case TTL -> new TtlWorkload();
        }).toList();
    }

    private static List<String> setKeys(List<Workload> workloads) {
        return workloads.stream().filter(SetWorkload.class::isInstance).map(SetWorkload.class::cast)
                .flatMap(workload -> workload.keys().stream()).toList();
    }
}
