package io.raftkv.torture.workload;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.KeyValue;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Result;
import io.raftkv.torture.history.HistoryRecorder.Invocation;
import io.raftkv.torture.history.HistoryRecorder;
import io.raftkv.torture.history.Outcome;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Reads, writes and compare-and-swaps on a few keys. Every write carries a value never written before, so a value
 * names the one write that produced it. raftkv's compare-and-swap compares the key's modRevision; since every
 * modRevision of a key belongs to exactly one write, "modRevision is r" means "the value is the one written at r", and
 * the history can record each swap as the value-level {@code expected -> new} that the register model checks.
 */
public final class RegisterWorkload implements Workload {
    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final String CAS = "cas";
    /** How the history writes "the key is absent". */
    public static final String ABSENT = "nil";
    public static final String SWAPPED = "swapped";
    public static final String MISMATCH = "mismatch";
    public static final String CAS_ARROW = "->";
    private static final int READ_PERCENT = 50;
    private static final int WRITE_PERCENT = 25;

    private final List<String> keys;
    private final AtomicLong nextValue = new AtomicLong();
    /** The latest (value, modRevision) pair anyone saw per key: a true fact that a swap can build on. */
    private final Map<String, Observed> latestObserved = new ConcurrentHashMap<>();

    public RegisterWorkload(int keyCount) {
        Invariants.check(keyCount >= 1, "the register workload needs a key, got %d", keyCount);
        this.keys = IntStream.range(0, keyCount).mapToObj(index -> "r" + index).toList();
    }

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.REGISTER;
    }

    @Override
    public void prepare(RaftKvClient client, HistoryRecorder recorder) {
        // Registers start absent, which the model knows; nothing to create.
    }

    @Override
    public Outcome runOne(ClientProcess process) {
        String key = keys.get(process.random().nextInt(keys.size()));
        int dice = process.random().nextInt(100);
        if (dice < READ_PERCENT) {
            return read(process, key);
        }
        if (dice < READ_PERCENT + WRITE_PERCENT) {
            return write(process, key);
        }
        return compareAndSwap(process, key);
    }

    @Override
    public void finish(RaftKvClient client, HistoryRecorder recorder) {
        // The checker needs no final read: every read in the run is already checked.
    }

    private Outcome read(ClientProcess process, String key) {
        Invocation invocation = process.recorder().invoke(process.process(), READ, key, null, process.node());
        CallOutcome<Optional<KeyValue>> call = KeyReads.read(process.client(), key);
        String output = call.ok() ? call.value().map(found -> observe(key, found)).orElse(ABSENT) : null;
        process.recorder().complete(invocation, call.outcome(), output, call.error());
        return call.outcome();
    }

    private Outcome write(ClientProcess process, String key) {
        String value = "v" + nextValue.getAndIncrement();
        Invocation invocation = process.recorder().invoke(process.process(), WRITE, key, value, process.node());
        CallOutcome<PutResult> call = CallOutcome.of(() -> process.client().put(Bytes.utf8(key), Bytes.utf8(value)));
        String output = null;
        if (call.ok()) {
            Result.Written written = writtenOrFail(key, call.value());
            latestObserved.put(key, new Observed(value, written.metadata().modRevision()));
            output = "ok";
        }
        process.recorder().complete(invocation, call.outcome(), output, call.error());
        return call.outcome();
    }

    private Outcome compareAndSwap(ClientProcess process, String key) {
        Observed expected = latestObserved.getOrDefault(key, Observed.ABSENT_KEY);
        String value = "v" + nextValue.getAndIncrement();
        Invocation invocation = process.recorder().invoke(process.process(), CAS, key,
                expected.value() + CAS_ARROW + value, process.node());
        CallOutcome<PutResult> call = CallOutcome.of(() -> process.client()
                .compareAndSwap(Bytes.utf8(key), expected.modRevision(), Bytes.utf8(value)));
        String output = null;
        if (call.ok()) {
            output = switch (call.value()) {
                case Result.Written written -> {
                    latestObserved.put(key, new Observed(value, written.metadata().modRevision()));
                    yield SWAPPED;
                }
                case Result.RevisionMismatch mismatch -> MISMATCH;
                // The workload's values are small and valid: a refusal is a wrong answer, which ends the run.
                case Result.Rejected rejected -> throw unexpected(key, rejected);
            };
        }
        process.recorder().complete(invocation, call.outcome(), output, call.error());
        return call.outcome();
    }

    private String observe(String key, KeyValue keyValue) {
        String value = Text.of(keyValue.value());
        latestObserved.put(key, new Observed(value, keyValue.metadata().modRevision()));
        return value;
    }

    private static Result.Written writtenOrFail(String key, PutResult result) {
        if (result instanceof Result.Written written) {
            return written;
        }
        throw unexpected(key, result);
    }

    static IllegalStateException unexpected(String key, Object answer) {
        return new IllegalStateException("unexpected answer for key " + key + ": " + answer);
    }

    /** A value and the modRevision it was written at; the absent key has modRevision 0, as compare-and-swap says. */
    private record Observed(String value, long modRevision) {
        static final Observed ABSENT_KEY = new Observed(ABSENT, 0);
    }
}
