package io.raftkv.torture.workload;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Invariants;
import io.raftkv.core.KeyValue;
import io.raftkv.torture.history.HistoryRecorder.Invocation;
import io.raftkv.torture.history.HistoryRecorder;
import io.raftkv.torture.history.Outcome;

import java.time.Duration;
import java.util.Optional;

/**
 * Linearizable reads after the cluster healed, recorded in the history like any other read but by a process of their
 * own. A healed cluster must answer; one that does not within the deadline fails the run.
 */
public final class FinalReads {
    /** The process number of the final reads: no client process ever gets it. */
    static final int PROCESS = -1;
    public static final String FUNCTION = "final-read";
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private FinalReads() {
    }

    /** The key's value, or empty when it is absent, read linearizably. */
    static Optional<String> read(RaftKvClient client, HistoryRecorder recorder, String key) {
        long deadlineNanos = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Invocation invocation = recorder.invoke(PROCESS, FUNCTION, key, null, "any");
            CallOutcome<Optional<KeyValue>> call = KeyReads.read(client, key);
            if (call.ok()) {
                Optional<String> value = call.value().map(found -> Text.of(found.value()));
                recorder.complete(invocation, Outcome.OK, value.orElse(RegisterWorkload.ABSENT), null);
                return value;
            }
            recorder.complete(invocation, call.outcome(), null, call.error());
            Invariants.check(System.nanoTime() < deadlineNanos,
                    "the healed cluster did not answer a read of %s within %s: %s", key, DEADLINE, call.error());
        }
    }
}
