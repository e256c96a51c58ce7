package io.raftkv.cli;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One benchmark run: {@code clients} threads, each issuing one blocking operation after another on its own
 * connection to the target until the duration or the operation budget is spent, with latencies in an HdrHistogram.
 * The connections are opened once, before the preload, and serve every phase, so the warm-up warms them too.
 */
final class BenchRun implements AutoCloseable {
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

    /**
     * What a run measured; latencies in microseconds, of successful operations only.
     *
     * @param errorsByMessage failed operations by message, in the order the messages first appeared
     * @param inFlightMax the most operations that were outstanding at once during the measured time: a comparison
     *                    script checks that the concurrency it asked for was reached, not only configured
     */
    record Outcome(long operations, long errors, Duration elapsed, Histogram latencyMicros,
                   Map<String, Long> errorsByMessage, int inFlightMax) {
        double operationsPerSecond() {
            return operations / (elapsed.toNanos() / 1e9);
        }
    }

    private final Settings settings;
    private final BenchTarget target;
    private final List<BenchConnection> connections = new ArrayList<>();
    private final Recorder recorder = new Recorder(HISTOGRAM_SIGNIFICANT_DIGITS);
    private final AtomicLong operationsStarted = new AtomicLong();
    private final BenchErrors errors = new BenchErrors();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger inFlightMax = new AtomicInteger();

    BenchRun(Settings settings, BenchTarget target) {
        this.settings = settings;
        this.target = target;
    }

    /**
     * Opens one connection per worker, one after the other, so an unreachable target is reported before anything
     * runs.
     *
     * @throws BenchAbortedException if the target cannot be reached
     */
    void open() {
        for (int workerIndex = connections.size(); workerIndex < settings.clients(); workerIndex++) {
            connections.add(target.open(workerIndex));
        }
    }

    static Bytes key(int index) {
        return Bytes.utf8(String.format("bench/%08d", index));
    }

    /**
     * Writes every key once, split over the client threads, so reads find what they look for.
     *
     * @throws BenchAbortedException if a write fails: reads of a key that is not there would measure nothing
     */
    void preload(PrintStream progress) throws InterruptedException {
        progress.println("preloading " + settings.keys() + " keys...");
        long startNanos = System.nanoTime();
        AtomicLong nextKey = new AtomicLong();
        runThreads("raftkv-bench-preload", workerIndex -> {
            Bytes value = value(new SplittableRandom(settings.seed() + workerIndex));
            BenchConnection connection = connections.get(workerIndex);
            for (long index = nextKey.getAndIncrement(); index < settings.keys(); index = nextKey.getAndIncrement()) {
                if (connection.write(key((int) index), value) instanceof BenchReply.Failed failed) {
                    throw new BenchAbortedException("preloading " + key((int) index) + " failed: "
                            + failed.message(), ExitCodes.REJECTED, null);
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
        errors.reset();
        inFlightMax.set(0);
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
        return new Outcome(total.getTotalCount(), errors.total(), Duration.ofNanos(elapsedNanos), total,
                errors.countsByMessage(), inFlightMax.get());
    }

    private void work(int workerIndex, long deadlineNanos) {
        BenchConnection connection = connections.get(workerIndex);
        SplittableRandom random = new SplittableRandom(settings.seed() + workerIndex);
        Bytes value = value(random);
        while (System.nanoTime() < deadlineNanos && operationsStarted.getAndIncrement() < settings.operationsMax()) {
            Bytes key = key(random.nextInt(settings.keys()));
            inFlightMax.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            long startNanos = System.nanoTime();
            BenchReply reply = operate(connection, key, value, random);
            long latencyMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
            inFlight.decrementAndGet();
            switch (reply) {
                case BenchReply.Succeeded succeeded -> recorder.recordValue(Math.max(1, latencyMicros));
                case BenchReply.Failed failed -> errors.count(failed.message());
            }
        }
    }

    private BenchReply operate(BenchConnection connection, Bytes key, Bytes value, SplittableRandom random) {
        return switch (settings.workload()) {
            case WRITE -> connection.write(key, value);
            case READ -> connection.read(key, ReadConsistency.LINEARIZABLE);
            case SERIALIZABLE_READ -> connection.read(key, ReadConsistency.SERIALIZABLE);
            case MIXED -> random.nextBoolean()
                    ? connection.write(key, value)
                    : connection.read(key, ReadConsistency.LINEARIZABLE);
        };
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
                        interval.getTotalCount() * 1000 / PROGRESS_INTERVAL.toMillis(), errors.total());
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

    /** Closes every worker's connection, then the target. */
    @Override
    public void close() {
        connections.forEach(BenchConnection::close);
        target.close();
    }

    @FunctionalInterface
    private interface WorkerBody {
        void run(int workerIndex);
    }
}
