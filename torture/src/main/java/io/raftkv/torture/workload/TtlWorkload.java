package io.raftkv.torture.workload;

import io.raftkv.client.PutOptions;
import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import io.raftkv.core.KeyValue;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Result;
import io.raftkv.torture.history.HistoryRecorder.Invocation;
import io.raftkv.torture.history.HistoryRecorder;
import io.raftkv.torture.history.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keys written once each with a short TTL, then read again and again around their expiry. The history tells when each
 * key was seen and when it was seen gone, by the harness's clock, which no nemesis skews.
 */
public final class TtlWorkload implements Workload {
    public static final String PUT = "put-ttl";
    public static final String READ = "read-ttl";
    public static final String PRESENT = "present";
    public static final String ABSENT = "absent";
    /** Short TTLs, so that many keys expire during a run, and whole seconds, as the API takes them. */
    public static final int TTL_SECONDS_MIN = 2;
    public static final int TTL_SECONDS_MAX = 4;
    /** Keys stay interesting a while after their TTL: a late read may catch a resurrection. */
    private static final long WATCH_AFTER_EXPIRY_NANOS = 3_000_000_000L;
    private static final int PUT_PERCENT = 25;
    /** Bounds the list of keys under watch; older keys drop off first. */
    private static final int WATCHED_KEYS_MAX = 1_000;

    private final AtomicLong nextKey = new AtomicLong();
    private final ConcurrentLinkedDeque<Watched> watched = new ConcurrentLinkedDeque<>();

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.TTL;
    }

    @Override
    public void prepare(RaftKvClient client, HistoryRecorder recorder) {
        // Every key is created during the run.
    }

    @Override
    public Outcome runOne(ClientProcess process) {
        List<Watched> candidates = recentKeys(System.nanoTime());
        if (candidates.isEmpty() || process.random().nextInt(100) < PUT_PERCENT) {
            return put(process);
        }
        return read(process, candidates.get(process.random().nextInt(candidates.size())).key());
    }

    @Override
    public void finish(RaftKvClient client, HistoryRecorder recorder) {
        // The expiry checks need only the reads made during the run.
    }

    private Outcome put(ClientProcess process) {
        String key = "t" + nextKey.getAndIncrement();
        int ttlSeconds = TTL_SECONDS_MIN + process.random().nextInt(TTL_SECONDS_MAX - TTL_SECONDS_MIN + 1);
        Invocation invocation = process.recorder().invoke(process.process(), PUT, key,
                Long.toString(ttlSeconds * 1_000L), process.node());
        CallOutcome<PutResult> call = CallOutcome.of(() -> process.client()
                .put(Bytes.utf8(key), Bytes.utf8("x"), PutOptions.NONE.withTtlSeconds(ttlSeconds)));
        if (call.ok() && !(call.value() instanceof Result.Written)) {
            throw RegisterWorkload.unexpected(key, call.value());
        }
        process.recorder().complete(invocation, call.outcome(), call.ok() ? "ok" : null, call.error());
        if (call.outcome() != Outcome.FAIL) {
            watch(new Watched(key, System.nanoTime() + ttlSeconds * 1_000_000_000L + WATCH_AFTER_EXPIRY_NANOS));
        }
        return call.outcome();
    }

    private Outcome read(ClientProcess process, String key) {
        Invocation invocation = process.recorder().invoke(process.process(), READ, key, null, process.node());
        CallOutcome<Optional<KeyValue>> call = KeyReads.read(process.client(), key);
        String output = call.ok() ? (call.value().isPresent() ? PRESENT : ABSENT) : null;
        process.recorder().complete(invocation, call.outcome(), output, call.error());
        return call.outcome();
    }

    private void watch(Watched key) {
        watched.addLast(key);
        while (watched.size() > WATCHED_KEYS_MAX) {
            watched.pollFirst();
        }
    }

    private List<Watched> recentKeys(long nowNanos) {
        while (true) {
            Watched oldest = watched.peekFirst();
            if (oldest == null || oldest.watchUntilNanos() > nowNanos) {
                break;
            }
            watched.remove(oldest);
        }
        return new ArrayList<>(watched);
    }

    private record Watched(String key, long watchUntilNanos) {
    }
}
