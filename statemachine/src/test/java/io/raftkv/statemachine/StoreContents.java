package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.ReadView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every entry of every key space, in order: what tests compare to show that a request changed nothing. */
final class StoreContents {
    /** The META keys every applied entry rewrites, whatever its requests did. */
    private static final Set<Bytes> POSITION_KEYS = Set.of(MetaKeys.APPLIED_INDEX, MetaKeys.APPLIED_TERM,
            MetaKeys.CLUSTER_TIME_MILLIS);

    record Entry(Keyspace keyspace, Bytes key, Bytes value) {
    }

    private StoreContents() {
    }

    static List<Entry> all(ReadView view) {
        List<Entry> entries = new ArrayList<>();
        for (Keyspace keyspace : Keyspace.values()) {
            view.scan(keyspace, Bytes.EMPTY, Optional.empty(),
                    (key, value) -> entries.add(new Entry(keyspace, key, value)));
        }
        return entries;
    }

    /** Everything but the applied position and the cluster clock; the revision stays, since it must not move. */
    static List<Entry> withoutPosition(ReadView view) {
        return all(view).stream()
                .filter(entry -> entry.keyspace() != Keyspace.META || !POSITION_KEYS.contains(entry.key()))
                .toList();
    }

    static List<Entry> in(ReadView view, Keyspace keyspace) {
        return all(view).stream().filter(entry -> entry.keyspace() == keyspace).toList();
    }
}
