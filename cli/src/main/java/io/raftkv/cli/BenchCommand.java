package io.raftkv.cli;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Limits;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure throughput and latency against a running cluster.",
                "Ends with a machine-readable line: RESULT workload=... opsPerSecond=... p50Ms=... p99Ms=..."})
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

    @Option(names = "--max-operations", paramLabel = "N", defaultValue = "100000000",
            description = "Stop after this many operations even if time is left (default ${DEFAULT-VALUE}).")
    long operationsMax;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for key choice (default: random, printed).")
    Long seed;

    @Override
    public Integer call() throws InterruptedException {
        CliContext context = main.context();
        BenchRun.Settings settings = settings();
        PrintStream out = context.out();
        out.printf("bench: workload=%s clients=%d valueBytes=%d duration=%ss keys=%d seed=%d%n",
                settings.workload().cliName(), settings.clients(), settings.valueBytes(),
                settings.duration().toSeconds(), settings.keys(), settings.seed());
        try (RaftKvClient client = clientOptions.connect(context)) {
            BenchRun run = new BenchRun(settings, client);
            if (settings.workload().needsPreload()) {
                run.preload(out);
            }
            run.warmUp(out);
            BenchRun.Outcome outcome = run.run(out);
            printOutcome(settings, outcome, out);
            if (outcome.firstError() != null) {
                context.err().println("first error: " + outcome.firstError());
            }
            return ExitCodes.OK;
        }
    }

    BenchRun.Settings settings() {
        requireWithin("--clients", clients, 1, CLIENTS_MAX);
        requireWithin("--value-bytes", valueBytes, 0, Limits.VALUE_BYTES_MAX_DEFAULT);
        requireWithin("--keys", keys, 1, KEYS_MAX);
        requireWithin("--max-operations", operationsMax, 1, Long.MAX_VALUE);
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        long chosenSeed = seed != null ? seed : System.nanoTime();
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        return new BenchRun.Settings(BenchWorkload.parse(workload), clients, valueBytes, warmup, duration, keys,
                operationsMax, chosenSeed);
    }

    private static void requireWithin(String option, long value, long minimum, long maximum) {
        if (value < minimum || value > maximum) {
            throw new IllegalArgumentException(option + " must be " + minimum + " to " + maximum + ", was " + value);
        }
    }

    static void printOutcome(BenchRun.Settings settings, BenchRun.Outcome outcome, PrintStream out) {
        Histogram latency = outcome.latencyMicros();
        out.printf(Locale.ROOT, "throughput: %.1f ops/s (%d ops in %.1f s, %d errors)%n",
                outcome.operationsPerSecond(), outcome.operations(), outcome.elapsed().toMillis() / 1000.0,
                outcome.errors());
        out.printf(Locale.ROOT, "latency ms: p50 %.3f  p99 %.3f  p999 %.3f  max %.3f%n",
                millis(latency, 50), millis(latency, 99), millis(latency, 99.9), latency.getMaxValue() / 1000.0);
        out.printf(Locale.ROOT, "RESULT workload=%s clients=%d valueBytes=%d operations=%d errors=%d "
                        + "opsPerSecond=%.1f p50Ms=%.3f p99Ms=%.3f p999Ms=%.3f maxMs=%.3f%n",
                settings.workload().cliName(), settings.clients(), settings.valueBytes(), outcome.operations(),
                outcome.errors(), outcome.operationsPerSecond(), millis(latency, 50), millis(latency, 99),
                millis(latency, 99.9), latency.getMaxValue() / 1000.0);
    }

    private static double millis(Histogram latencyMicros, double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
