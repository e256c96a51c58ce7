package io.raftkv.torture.workload;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.KeyValue;
import io.raftkv.core.command.AppendResult;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Result;
import io.raftkv.torture.history.HistoryRecorder.Invocation;
import io.raftkv.torture.history.HistoryRecorder;
import io.raftkv.torture.history.Outcome;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A grow-only set per key, built with raftkv's append: each add appends a unique element and a space. Reads return the
 * elements in append order, so every read must be a prefix of the final one, and an acknowledged add must be in every
 * read that began after it ended.
 */
public final class SetWorkload implements Workload {
    public static final String ADD = "append";
    public static final String READ_ALL = "read-all";
    public static final String SEPARATOR = " ";
    private static final int ADD_PERCENT = 75;

    private final List<String> keys;
    private final AtomicLong nextElement = new AtomicLong();

    public SetWorkload(int keyCount) {
        Invariants.check(keyCount >= 1, "the set workload needs a key, got %d", keyCount);
        this.keys = IntStream.range(0, keyCount).mapToObj(index -> "s" + index).toList();
    }

    public List<String> keys() {
        return keys;
    }

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.SET;
    }

    /** Append needs an existing key (as in memcached), so each set starts as an empty value. */
    @Override
    public void prepare(RaftKvClient client, HistoryRecorder recorder) {
        for (String key : keys) {
            PutResult result = client.put(Bytes.utf8(key), Bytes.EMPTY);
            Invariants.check(result instanceof Result.Written, "could not create set %s: %s", key, result);
        }
    }

    @Override
    public Outcome runOne(ClientProcess process) {
        String key = keys.get(process.random().nextInt(keys.size()));
        return process.random().nextInt(100) < ADD_PERCENT ? add(process, key) : readAll(process, key);
    }

    @Override
    public void finish(RaftKvClient client, HistoryRecorder recorder) {
        keys.forEach(key -> FinalReads.read(client, recorder, key));
    }

    private Outcome add(ClientProcess process, String key) {
        String element = "e" + nextElement.getAndIncrement();
        Invocation invocation = process.recorder().invoke(process.process(), ADD, key, element, process.node());
        CallOutcome<AppendResult> call = CallOutcome.of(
                () -> process.client().append(Bytes.utf8(key), Bytes.utf8(element + SEPARATOR), 0));
        Outcome outcome = call.outcome();
        String output = null;
        String error = call.error();
        if (call.ok()) {
            switch (call.value()) {
                case Result.Written written -> output = "ok";
                // The server says nothing changed: the add certainly did not happen. The final read shows
                // whether the set itself went missing.
                case Result.NotFound notFound -> {
                    outcome = Outcome.FAIL;
                    error = "the set's key was not found";
                }
                // The sets stay far below the value limit: a refusal is a wrong answer, which ends the run.
                case Result.Rejected rejected -> throw RegisterWorkload.unexpected(key, rejected);
            }
        }
        process.recorder().complete(invocation, outcome, output, error);
        return outcome;
    }

    private Outcome readAll(ClientProcess process, String key) {
        Invocation invocation = process.recorder().invoke(process.process(), READ_ALL, key, null, process.node());
        CallOutcome<Optional<KeyValue>> call = KeyReads.read(process.client(), key);
        String output = call.ok()
                ? call.value().map(found -> Text.of(found.value()).strip()).orElse(RegisterWorkload.ABSENT)
                : null;
        process.recorder().complete(invocation, call.outcome(), output, call.error());
        return call.outcome();
    }
}
