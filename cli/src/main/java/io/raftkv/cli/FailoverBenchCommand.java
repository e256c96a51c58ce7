package io.raftkv.cli;

import io.raftkv.cli.failover.EtcdStore;
import io.raftkv.cli.failover.FailoverBench;
import io.raftkv.cli.failover.FailoverStore;
import io.raftkv.cli.failover.FailoverSummary;
import io.raftkv.cli.failover.RaftkvStore;
import io.raftkv.cli.failover.TrialFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * {@code raftkv bench-failover}: kill -9 of the leader to the first acknowledged write, raftkv against etcd, on
 * clusters this command starts on loopback and ends itself.
 */
@Command(name = "bench-failover", mixinStandardHelpOptions = true,
        description = {"Measure leader failover: start a 3-node cluster on loopback, write at a steady pace (one write "
                + "in flight, through each node in turn), kill -9 the leader and time the first write acknowledged "
                + "after the kill. Each trial checks that the killed node led, that another node leads in a later "
                + "term and that the last acknowledged write is still there, then starts the killed node again.",
                "Ends with one RESULT line per store and a ratio line."})
final class FailoverBenchCommand implements java.util.concurrent.Callable<Integer> {
    static final int TRIALS_MAX = 1000;
    /** Stores and their port blocks: each block holds a store's client and peer ports. */
    static final int ETCD_PORT_OFFSET = 100;

    @ParentCommand
    Main main;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "10",
            description = "Kills per store (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--stores", paramLabel = "STORE", split = ",", defaultValue = "raftkv,etcd",
            description = "raftkv and/or etcd, measured in this order (default ${DEFAULT-VALUE}; etcd needs `etcd` on "
                    + "the PATH).")
    List<String> stores;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "16000",
            description = "raftkv uses PORT+1.. (Raft) and PORT+11.. (HTTP), etcd PORT+101.. (clients) and PORT+111.. "
                    + "(peers), all on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--write-interval", paramLabel = "DURATION", defaultValue = "5ms",
            description = "Pause between the starts of two writes (default ${DEFAULT-VALUE}).")
    Duration writeInterval;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "250ms",
            description = "A write not answered within this is given up and the next goes to the next node "
                    + "(default ${DEFAULT-VALUE}); it bounds how long a write sent into a dead leader holds the "
                    + "writer, the same for both stores.")
    Duration requestTimeout;

    @Option(names = "--election-timeout", paramLabel = "DURATION",
            description = "Passed to the raftkv nodes as --election-timeout (default: the server's default).")
    Duration electionTimeout;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the nodes keep data and logs (default: a new directory under /tmp, removed after a "
                    + "successful run).")
    Path workDirectory;

    @Override
    public Integer call() throws IOException, InterruptedException {
        validate();
        PrintStream out = main.context().out();
        boolean temporary = workDirectory == null;
        Path directory = temporary ? Files.createTempDirectory("raftkv-failover-") : workDirectory;
        out.printf(Locale.ROOT, "bench-failover: trials=%d writeInterval=%dms requestTimeout=%dms raftkv "
                        + "electionTimeout=%s workDir=%s%n", trials, writeInterval.toMillis(),
                requestTimeout.toMillis(), electionTimeout == null ? "default" : electionTimeout.toMillis() + "ms",
                directory);
        FailoverBench bench = new FailoverBench(trials, writeInterval.toMillis(), requestTimeout.toMillis(), out);
        List<FailoverSummary> summaries = new ArrayList<>();
        try {
            for (String store : stores) {
                summaries.add(bench.run(store(store, directory.resolve(store))));
            }
        } catch (TrialFailedException failed) {
            main.context().err().println("raftkv bench-failover: " + failed.getMessage() + " (logs in " + directory
                    + ")");
            return ExitCodes.UNAVAILABLE;
        }
        summaries.forEach(summary -> printSummary(summary, out));
        if (summaries.size() == 2) {
            out.printf(Locale.ROOT, "RATIO %s/%s median=%.2f%n", summaries.get(0).store(), summaries.get(1).store(),
                    summaries.get(0).medianMillis() / summaries.get(1).medianMillis());
        }
        if (temporary) {
            deleteRecursively(directory);
        }
        return ExitCodes.OK;
    }

    private void validate() {
        if (trials < 1 || trials > TRIALS_MAX) {
            throw new IllegalArgumentException("--trials must be 1 to " + TRIALS_MAX + ", was " + trials);
        }
        if (basePort < 1024 || basePort + ETCD_PORT_OFFSET + 20 > 32767) {
            throw new IllegalArgumentException("--base-port must leave its ports between 1024 and 32767 (below the "
                    + "ephemeral range), was " + basePort);
        }
        if (writeInterval.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("--write-interval must not be negative, --request-timeout positive");
        }
        for (String store : stores) {
            if (!store.equals("raftkv") && !store.equals("etcd")) {
                throw new IllegalArgumentException("--stores: unknown store '" + store + "' (raftkv, etcd)");
            }
        }
    }

    private FailoverStore store(String name, Path directory) {
        return name.equals("raftkv")
                ? new RaftkvStore(directory, basePort,
                electionTimeout == null ? OptionalLong.empty() : OptionalLong.of(electionTimeout.toMillis()))
                : new EtcdStore(directory, basePort + ETCD_PORT_OFFSET);
    }

    private static void printSummary(FailoverSummary summary, PrintStream out) {
        out.printf(Locale.ROOT, "RESULT store=%s trials=%d medianMs=%.0f p90Ms=%.0f minMs=%.0f maxMs=%.0f%n",
                summary.store(), summary.trials(), summary.medianMillis(), summary.p90Millis(), summary.minMillis(),
                summary.maxMillis());
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
