package io.raftkv.cli;

import io.raftkv.core.Limits;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code raftkv bench}: a load generator for raftkv's HTTP API, over plain keep-alive connections by default; with {@code --memcached}, for any server that speaks
 * memcached's text protocol; with {@code --etcd}, for etcd through its native gRPC API. One tool with the same
 * settings measures raftkv and the stores it is compared with.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure throughput and latency against a running cluster (HTTP API), against any "
                + "memcached server with --memcached, or against etcd (gRPC) with --etcd.",
                "Ends with a machine-readable line: RESULT target=... workload=... opsPerSecond=... p50Ms=... "
                        + "p99Ms=... inFlightMax=..."})
final class BenchCommand implements Callable<Integer> {
    /** The client library allows this many requests in flight; more workers would only queue. */
    static final int CLIENTS_MAX = 1024;
    static final int KEYS_MAX = 10_000_000;

    @ParentCommand
    Main main;

    @Mixin
    ClientOptions clientOptions;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "16",
            description = "Concurrent workers, each with one request in flight (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--value-bytes", paramLabel = "N", defaultValue = "256",
            description = "Bytes per written value (default ${DEFAULT-VALUE}).")
    int valueBytes;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long to run (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "10s",
            description = "Run the workload this long before measuring, to let the JVMs compile their hot paths "
                    + "(default ${DEFAULT-VALUE}; 0s to skip).")
    Duration warmup;

    @Option(names = "--workload", paramLabel = "write|read|serializable-read|mixed", defaultValue = "write",
            description = "write, read (linearizable), serializable-read, or mixed (half reads, half writes).")
    String workload;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "10000",
            description = "Distinct keys, preloaded for read workloads (default ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--skip-preload",
            description = "Read workloads: do not write the keys first, because an earlier run with the same --keys "
                    + "did; a read of a missing key counts as an error.")
    boolean skipPreload;

    @Option(names = "--max-operations", paramLabel = "N", defaultValue = "100000000",
            description = "Stop after this many operations even if time is left (default ${DEFAULT-VALUE}).")
    long operationsMax;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for key choice (default: random, printed).")
    Long seed;

    @Option(names = MemcachedBenchTarget.OPTION, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Speak memcached's text protocol (set, get) to these servers instead of raftkv's HTTP API; "
                    + "--endpoints and --timeout are then ignored. Worker i connects to address i modulo their "
                    + "number. Workloads: write, read, mixed.")
    String memcached;

    @Option(names = EtcdBenchTarget.OPTION, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Speak etcd's native gRPC API (KV Put and Range) to these etcd client addresses instead of "
                    + "raftkv's HTTP API; --endpoints and --timeout are then ignored. Worker i sends to address i "
                    + "modulo their number; the workers of one address share one connection. All workloads.")
    String etcd;

    @Option(names = "--http-client", paramLabel = "lean|library", defaultValue = "lean",
            description = "How to drive raftkv's HTTP API: lean (default) keeps one plain keep-alive connection per "
                    + "worker, worker i to endpoint i modulo their number, as wrk does; library sends through the "
                    + "Java client library, whose own CPU cost on a shared machine lowers the figures.")
    String httpClient;

    @Override
    public Integer call() throws InterruptedException {
        CliContext context = main.context();
        BenchRun.Settings settings = settings();
        BenchTarget target = target(context);
        PrintStream out = context.out();
        out.printf("bench: target=%s workload=%s clients=%d valueBytes=%d duration=%ss keys=%d seed=%d%n",
                target.describe(), settings.workload().cliName(), settings.clients(), settings.valueBytes(),
                settings.duration().toSeconds(), settings.keys(), settings.seed());
        try (BenchRun run = new BenchRun(settings, target)) {
            run.open();
            if (settings.workload().needsPreload() && !skipPreload) {
                run.preload(out);
            }
            run.warmUp(out);
            BenchRun.Outcome outcome = run.run(out);
            printOutcome(target.name(), settings, outcome, out);
            printErrors(outcome.errorsByMessage(), context.err());
            return ExitCodes.OK;
        } catch (BenchAbortedException aborted) {
            context.err().println("raftkv bench: " + aborted.getMessage());
            return aborted.exitCode();
        }
    }

    private BenchTarget target(CliContext context) {
        if (memcached != null) {
            return MemcachedBenchTarget.parse(memcached);
        }
        if (etcd != null) {
            return EtcdBenchTarget.parse(etcd);
        }
        return switch (httpClient) {
            case "lean" -> LeanHttpBenchTarget.parse(clientOptions.resolveEndpoints(context.environment()),
                    readTimeout());
            case "library" -> new HttpBenchTarget(clientOptions.connectPooled(context));
            default -> throw new IllegalArgumentException("--http-client must be lean or library, was '"
                    + httpClient + "'");
        };
    }

    /** A lean connection waits {@code --timeout} for each response, then counts a failure and reconnects. */
    private Duration readTimeout() {
        if (clientOptions.timeout.isZero() || clientOptions.timeout.isNegative()) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
        return clientOptions.timeout;
    }

    BenchRun.Settings settings() {
        requireWithin("--clients", clients, 1, CLIENTS_MAX);
        requireWithin("--value-bytes", valueBytes, 0, Limits.VALUE_BYTES_MAX_DEFAULT);
        requireWithin("--keys", keys, 1, KEYS_MAX);
        requireWithin("--max-operations", operationsMax, 1, Long.MAX_VALUE);
        BenchWorkload chosenWorkload = BenchWorkload.parse(workload);
        if (memcached != null && etcd != null) {
            throw new IllegalArgumentException(MemcachedBenchTarget.OPTION + " and " + EtcdBenchTarget.OPTION
                    + " choose different targets: give one of them");
        }
        if (memcached != null && chosenWorkload == BenchWorkload.SERIALIZABLE_READ) {
            throw new IllegalArgumentException("--workload serializable-read is not available with --memcached: "
                    + "memcached's get has no consistency choice (use --workload read)");
        }
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        long chosenSeed = seed != null ? seed : System.nanoTime();
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        return new BenchRun.Settings(chosenWorkload, clients, valueBytes, warmup, duration, keys,
                operationsMax, chosenSeed);
    }

    private static void requireWithin(String option, long value, long minimum, long maximum) {
        if (value < minimum || value > maximum) {
            throw new IllegalArgumentException(option + " must be " + minimum + " to " + maximum + ", was " + value);
        }
    }

    /** The summary lines; {@code RESULT} has {@code target=} first, then the fields it had before targets came. */
    static void printOutcome(String targetName, BenchRun.Settings settings, BenchRun.Outcome outcome,
                             PrintStream out) {
        Histogram latency = outcome.latencyMicros();
        out.printf(Locale.ROOT, "throughput: %.1f ops/s (%d ops in %.1f s, %d errors)%n",
                outcome.operationsPerSecond(), outcome.operations(), outcome.elapsed().toMillis() / 1000.0,
                outcome.errors());
        out.printf(Locale.ROOT, "latency ms: p50 %.3f  p99 %.3f  p999 %.3f  max %.3f%n",
                millis(latency, 50), millis(latency, 99), millis(latency, 99.9), latency.getMaxValue() / 1000.0);
        out.printf(Locale.ROOT, "RESULT target=%s workload=%s clients=%d valueBytes=%d operations=%d errors=%d "
                        + "opsPerSecond=%.1f p50Ms=%.3f p99Ms=%.3f p999Ms=%.3f maxMs=%.3f inFlightMax=%d%n",
                targetName, settings.workload().cliName(), settings.clients(), settings.valueBytes(),
                outcome.operations(), outcome.errors(), outcome.operationsPerSecond(), millis(latency, 50),
                millis(latency, 99), millis(latency, 99.9), latency.getMaxValue() / 1000.0, outcome.inFlightMax());
    }

    /** What failed and how often, on stderr: the run goes on through failures, so their texts are its evidence. */
    private static void printErrors(Map<String, Long> errorsByMessage, PrintStream err) {
        errorsByMessage.forEach((message, count) -> err.printf("errors: %,d x %s%n", count, message));
    }

    private static double millis(Histogram latencyMicros, double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
