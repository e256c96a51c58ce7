package io.raftkv.cli;

import io.raftkv.client.RaftKvClient;
import io.raftkv.client.RaftKvRequestException;
import io.raftkv.client.RaftKvUnavailableException;
import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.QueryResult;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One benchmark run: {@code clients} threads, each issuing one blocking operation after another until the duration
 * or the operation budget is spent, with latencies in an HdrHistogram.
 */
final class BenchRun {
    /** Three significant digits: 1.23 ms is precise enough to compare runs. */
    private static final int HISTOGRAM_SIGNIFICANT_DIGITS = 3;
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    /**
     * @param warmup how long to run the workload before measuring: a fresh JVM, this one and the servers', is up to
     *               several times slower until its hot paths are compiled
     */
    record Settings(BenchWorkload workload, int clients, int valueBytes, Duration warmup, Duration duration, int keys,
                    long operationsMax, long seed) {
    }

    /** What a run measured; latencies in microseconds. */
    record Outcome(long operations, long errors, Duration elapsed, Histogram latencyMicros,
                   String firstError) {
        double operationsPerSecond() {
            return operations / (elapsed.toNanos() / 1e9);
        }
    }

    private final Settings settings;
    private final RaftKvClient client;
    private final Recorder recorder = new Recorder(HISTOGRAM_SIGNIFICANT_DIGITS);
    private final AtomicLong operationsStarted = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    BenchRun(Settings settings, RaftKvClient client) {
        this.settings = settings;
        this.client = client;
    }

    static Bytes key(int index) {
        return Bytes.utf8(String.format("bench/%08d", index));
    }

    /** Writes every key once, split over the client threads, so reads find what they look for. */
    void preload(PrintStream progress) throws InterruptedException {
        progress.println("preloading " + settings.keys() + " keys...");
        long startNanos = System.nanoTime();
        AtomicLong nextKey = new AtomicLong();
        runThreads("raftkv-bench-preload", workerIndex -> {
            Bytes value = value(new SplittableRandom(settings.seed() + workerIndex));
            for (long index = nextKey.getAndIncrement(); index < settings.keys(); index = nextKey.getAndIncrement()) {
                Result result = client.put(key((int) index), value);
                if (!(result instanceof Result.Written)) {
                    throw new IllegalStateException("preloading " + key((int) index) + " failed: " + result);
                }
            }
        });
        progress.println("preloaded in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) + " ms");
    }

    /** Runs the workload for the warm-up time and forgets what it measured. */
    void warmUp(PrintStream progress) throws InterruptedException {
        if (settings.warmup().isZero()) {
            return;
        }
        progress.println("warming up for " + settings.warmup().toSeconds() + " s (not measured)...");
        long deadlineNanos = System.nanoTime() + settings.warmup().toNanos();
        runThreads("raftkv-bench-warmup", workerIndex -> work(workerIndex, deadlineNanos));
        recorder.reset();
        operationsStarted.set(0);
        errors.set(0);
        firstError.set(null);
    }

    Outcome run(PrintStream progress) throws InterruptedException {
        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + settings.duration().toNanos();
        Histogram total = new Histogram(HISTOGRAM_SIGNIFICANT_DIGITS);
        Thread progressReporter = Thread.ofPlatform().daemon().name("raftkv-bench-progress")
                .start(() -> reportProgress(progress, total, startNanos));
        runThreads("raftkv-bench-worker", workerIndex -> work(workerIndex, deadlineNanos));
        long elapsedNanos = System.nanoTime() - startNanos;
        progressReporter.interrupt();
        progressReporter.join();
        synchronized (total) {
            total.add(recorder.getIntervalHistogram());
        }
        return new Outcome(total.getTotalCount(), errors.get(), Duration.ofNanos(elapsedNanos), total,
                firstError.get());
    }

    private void work(int workerIndex, long deadlineNanos) {
        SplittableRandom random = new SplittableRandom(settings.seed() + workerIndex);
        Bytes value = value(random);
        while (System.nanoTime() < deadlineNanos && operationsStarted.getAndIncrement() < settings.operationsMax()) {
            Bytes key = key(random.nextInt(settings.keys()));
            long startNanos = System.nanoTime();
            try {
                boolean succeeded = operate(key, value, random);
                if (succeeded) {
                    recorder.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos)));
                } else {
                    countError("unexpected result for " + key);
                }
            } catch (RaftKvUnavailableException | RaftKvRequestException failed) {
                // A benchmark reports failures as a count (and the first one) rather than stopping at the first.
                countError(failed.getMessage());
            }
        }
    }

    private boolean operate(Bytes key, Bytes value, SplittableRandom random) {
        return switch (settings.workload()) {
            case WRITE -> client.put(key, value) instanceof Result.Written;
            case READ -> client.get(key, ReadConsistency.LINEARIZABLE) instanceof QueryResult.Found;
            case SERIALIZABLE_READ -> client.get(key, ReadConsistency.SERIALIZABLE) instanceof QueryResult.Found;
            case MIXED -> random.nextBoolean()
                    ? client.put(key, value) instanceof Result.Written
                    : client.get(key, ReadConsistency.LINEARIZABLE) instanceof QueryResult.Found;
        };
    }

    private void countError(String message) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, message);
    }

    private void reportProgress(PrintStream progress, Histogram total, long startNanos) {
        long seconds = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(PROGRESS_INTERVAL.toMillis());
            } catch (InterruptedException finished) {
                return;
            }
            seconds++;
            Histogram interval = recorder.getIntervalHistogram();
            synchronized (total) {
                total.add(interval);
                progress.printf("%4ds: %,d ops, %,d ops/s, %,d errors%n", seconds, total.getTotalCount(),
                        interval.getTotalCount() * 1000 / PROGRESS_INTERVAL.toMillis(), errors.get());
            }
        }
    }

    private Bytes value(SplittableRandom random) {
        byte[] value = new byte[settings.valueBytes()];
        for (int index = 0; index < value.length; index++) {
            value[index] = (byte) ('a' + random.nextInt(26));
        }
        return Bytes.wrap(value);
    }

    /** Runs one thread per client and waits for all; a worker's unexpected exception fails the run. */
    private void runThreads(String name, WorkerBody body) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int workerIndex = 0; workerIndex < settings.clients(); workerIndex++) {
            int index = workerIndex;
            threads.add(Thread.ofPlatform().name(name + "-" + index).start(() -> {
                try {
                    body.run(index);
                } catch (RuntimeException unexpected) {
                    failure.compareAndSet(null, unexpected);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    @FunctionalInterface
    private interface WorkerBody {
        void run(int workerIndex);
    }
}
