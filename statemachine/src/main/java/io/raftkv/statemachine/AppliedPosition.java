package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.ReadView;
import io.raftkv.storage.StorageException;
import io.raftkv.storage.StorageTransaction;

import java.util.List;
import java.util.Optional;

/**
 * Where the state machine stands: the last applied log entry, the store revision and the cluster clock. It is saved
 * in the same transaction as the entry's data, so after a crash the store and its position always agree.
 */
record AppliedPosition(long appliedIndex, long appliedTerm, long revision, long clusterTimeMillis) {
    static final AppliedPosition INITIAL = new AppliedPosition(0, 0, 0, 0);
    /** In the order of the record's components. */
    private static final List<Bytes> POSITION_KEYS = List.of(MetaKeys.APPLIED_INDEX, MetaKeys.APPLIED_TERM,
            MetaKeys.REVISION, MetaKeys.CLUSTER_TIME_MILLIS);

    AppliedPosition {
        Invariants.check(appliedIndex >= 0, "appliedIndex must not be negative, was %d", appliedIndex);
        Invariants.check(appliedTerm >= 0, "appliedTerm must not be negative, was %d", appliedTerm);
        Invariants.check(revision >= 0, "revision must not be negative, was %d", revision);
        Invariants.check(clusterTimeMillis >= 0, "clusterTimeMillis must not be negative, was %d", clusterTimeMillis);
    }

    /**
     * Reads the position from META. A store that has never applied an entry has none of the keys; a store with only
     * some of them is corrupt, and continuing would make this replica diverge, so it throws.
     */
    static AppliedPosition load(ReadView view) {
        List<Optional<Long>> values = POSITION_KEYS.stream().map(key -> readLong(view, key)).toList();
        long present = values.stream().filter(Optional::isPresent).count();
        if (present == 0) {
            return INITIAL;
        }
        if (present != POSITION_KEYS.size()) {
            throw new StorageException("META holds " + present + " of the " + POSITION_KEYS.size() + " position keys");
        }
        List<Long> numbers = values.stream().map(Optional::orElseThrow).toList();
        return new AppliedPosition(numbers.get(0), numbers.get(1), numbers.get(2), numbers.get(3));
    }

    void save(StorageTransaction transaction) {
        put(transaction, MetaKeys.APPLIED_INDEX, appliedIndex);
        put(transaction, MetaKeys.APPLIED_TERM, appliedTerm);
        put(transaction, MetaKeys.REVISION, revision);
        put(transaction, MetaKeys.CLUSTER_TIME_MILLIS, clusterTimeMillis);
    }

    private static Optional<Long> readLong(ReadView view, Bytes key) {
        return view.get(Keyspace.META, key).map(value -> MetaKeys.decodeLong(key, value));
    }

    private static void put(StorageTransaction transaction, Bytes key, long value) {
        transaction.put(Keyspace.META, key, MetaKeys.encodeLong(value));
    }
}
