package io.raftkv.torture.workload;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import io.raftkv.core.KeyValue;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.query.GetResult;
import io.raftkv.core.query.QueryResult;

import java.util.Optional;

/** The one read every workload makes: linearizable, of one key, found or absent. */
final class KeyReads {
    private KeyReads() {
    }

    /** Reads the key; an OK outcome holds the key's value and metadata, or empty when it is absent. */
    static CallOutcome<Optional<KeyValue>> read(RaftKvClient client, String key) {
        CallOutcome<GetResult> call = CallOutcome.of(
                () -> client.get(Bytes.utf8(key), ReadConsistency.LINEARIZABLE));
        if (!call.ok()) {
            return new CallOutcome<>(null, call.outcome(), call.error());
        }
        Optional<KeyValue> found = switch (call.value()) {
            case QueryResult.Found present -> Optional.of(present.keyValue());
            case QueryResult.Missing missing -> Optional.empty();
        };
        return new CallOutcome<>(found, call.outcome(), null);
    }
}
