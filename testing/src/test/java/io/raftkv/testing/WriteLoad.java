package io.raftkv.testing;

import io.raftkv.client.RaftKvClient;
import io.raftkv.client.RaftKvUnavailableException;
import io.raftkv.core.Bytes;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Result;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Writer threads that put unique keys through one client until stopped, remembering every value they tried and
 * which writes were acknowledged. A write that ends in "unavailable" has an unknown outcome: it may or may not have
 * taken effect, but if it did, it has the value that was tried.
 */
final class WriteLoad implements AutoCloseable {
    /** A writer blocked in the client gives up after the client's operation timeout; this covers that and more. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);

    /** One acknowledged write and when it was sent and answered, on the {@link System#nanoTime()} clock. */
    record Acknowledgement(Bytes key, long startNanos, long endNanos) {
    }

    private final RaftKvClient client;
    private final String prefix;
    private final Map<Bytes, Bytes> attempted = new ConcurrentHashMap<>();
    private final Map<Bytes, Bytes> acknowledged = new ConcurrentHashMap<>();
    /** The modRevision each acknowledged write reported. */
    private final Map<Bytes, Long> acknowledgedRevisions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Acknowledgement> acknowledgements = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unknownOutcomes = new AtomicInteger();
    private final AtomicReference<Throwable> unexpected = new AtomicReference<>();
    private final List<Thread> writers;
    private volatile boolean stopping;

    private WriteLoad(RaftKvClient client, String prefix, int writerCount) {
        this.client = client;
        this.prefix = prefix;
        this.writers = IntStream.range(0, writerCount)
                .mapToObj(writer -> Thread.ofPlatform().name("writer-" + writer).unstarted(() -> write(writer)))
                .toList();
    }

    static WriteLoad start(RaftKvClient client, String prefix, int writerCount) {
        WriteLoad load = new WriteLoad(client, prefix, writerCount);
        load.writers.forEach(Thread::start);
        return load;
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    int unknownOutcomeCount() {
        return unknownOutcomes.get();
    }

    long acknowledgedStartedAfter(long nanos) {
        return acknowledgements.stream().filter(acknowledgement -> acknowledgement.startNanos() > nanos).count();
    }

    /** When the first write sent after {@code nanos} was acknowledged. */
    OptionalLong firstAcknowledgementOfWriteStartedAfter(long nanos) {
        return acknowledgements.stream()
                .filter(acknowledgement -> acknowledgement.startNanos() > nanos)
                .mapToLong(Acknowledgement::endNanos)
                .min();
    }

    /** Stops the writers, waits for them, and fails if any saw something other than a write or "unavailable". */
    void stop() {
        stopping = true;
        for (Thread writer : writers) {
            try {
                if (!writer.join(STOP_TIMEOUT)) {
                    throw new AssertionError(writer.getName() + " did not stop within " + STOP_TIMEOUT);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the writers", interrupted);
            }
        }
        if (unexpected.get() != null) {
            throw new AssertionError("a writer failed unexpectedly", unexpected.get());
        }
    }

    Map<Bytes, Bytes> attempted() {
        return Map.copyOf(attempted);
    }

    Map<Bytes, Bytes> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** The revision of each acknowledged write, as its answer reported it. */
    Map<Bytes, Long> acknowledgedRevisions() {
        return Map.copyOf(acknowledgedRevisions);
    }

    @Override
    public void close() {
        stopping = true;
    }

    private void write(int writer) {
        for (long sequence = 0; !stopping && unexpected.get() == null; sequence++) {
            Bytes key = Bytes.utf8(prefix + writer + "/" + sequence);
            Bytes value = Bytes.utf8("value " + writer + "/" + sequence);
            attempted.put(key, value);
            long startNanos = System.nanoTime();
            try {
                record(key, value, startNanos, client.put(key, value));
            } catch (RaftKvUnavailableException unavailable) {
                unknownOutcomes.incrementAndGet();
            } catch (RuntimeException failure) {
                unexpected.compareAndSet(null, failure);
            }
        }
    }

    private void record(Bytes key, Bytes value, long startNanos, PutResult result) {
        switch (result) {
            case Result.Written written -> {
                acknowledged.put(key, value);
                acknowledgedRevisions.put(key, written.metadata().modRevision());
                acknowledgements.add(new Acknowledgement(key, startNanos, System.nanoTime()));
            }
            case Result.RevisionMismatch mismatch -> fail(key, mismatch);
            case Result.Rejected rejected -> fail(key, rejected);
        }
    }

    private void fail(Bytes key, Result result) {
        unexpected.compareAndSet(null, new AssertionError("an unconditional put of " + key + " returned " + result));
    }
}
