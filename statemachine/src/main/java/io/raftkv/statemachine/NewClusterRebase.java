package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.StorageTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Makes a store restored from another cluster's snapshot the start of a new cluster. The new cluster's Raft log
 * starts empty, so the applied index and term go back to a fresh store's (0), or the first entries of the new log
 * would be skipped as already applied. What belonged to the old cluster goes: the members' HTTP addresses, the
 * clients' sessions and remembered results (their sequences mean nothing to the new log), and any other cluster-bound
 * META record such as alarms. The data stays exactly as it was: every key with its value, flags, version, revisions
 * and expiry, the revision, the cluster time and the flush state, so that new writes get revisions above the
 * snapshot's.
 */
public final class NewClusterRebase {
    /**
     * The META records that describe the data itself, and the applied position, which is rewritten; every other META
     * record belonged to the old cluster.
     */
    private static final Set<Bytes> KEPT_META_KEYS = Set.of(MetaKeys.APPLIED_INDEX, MetaKeys.APPLIED_TERM,
            MetaKeys.REVISION, MetaKeys.CLUSTER_TIME_MILLIS, MetaKeys.FLUSHED_THROUGH_REVISION,
            MetaKeys.FLUSH_PENDING_AT_MILLIS);
    /** Cleared whole. */
    private static final List<Keyspace> CLUSTER_KEYSPACES = List.of(Keyspace.SESSIONS, Keyspace.RESULTS);

    /**
     * What the rebase kept and dropped.
     *
     * @param revision              the store revision, kept
     * @param clusterTimeMillis     the cluster time, kept
     * @param metaRecordsDropped    META records of the old cluster removed (member addresses, alarms)
     * @param sessionRecordsDropped session and result records removed
     */
    public record Rebased(long revision, long clusterTimeMillis, long metaRecordsDropped, long sessionRecordsDropped) {
    }

    private NewClusterRebase() {
    }

    /** Rewrites the store in one transaction; no other transaction may be open. */
    public static Rebased apply(StorageEngine storage) {
        AppliedPosition old = AppliedPosition.load(storage);
        try (StorageTransaction transaction = storage.begin()) {
            long metaDropped = deleteAll(transaction, Keyspace.META, key -> !KEPT_META_KEYS.contains(key));
            long sessionsDropped = 0;
            for (Keyspace keyspace : CLUSTER_KEYSPACES) {
                sessionsDropped += deleteAll(transaction, keyspace, key -> true);
            }
            // Written even for a store that never applied an entry: the position keys are all present or all absent.
            new AppliedPosition(AppliedPosition.INITIAL.appliedIndex(), AppliedPosition.INITIAL.appliedTerm(),
                    old.revision(), old.clusterTimeMillis()).save(transaction);
            transaction.commit();
            return new Rebased(old.revision(), old.clusterTimeMillis(), metaDropped, sessionsDropped);
        }
    }

    /** Collects first: deleting while a scan of the same transaction runs is not part of its contract. */
    private static long deleteAll(StorageTransaction transaction, Keyspace keyspace, Predicate<Bytes> dropped) {
        List<Bytes> keys = new ArrayList<>();
        transaction.scan(keyspace, Bytes.EMPTY, Optional.empty(), (key, ignored) -> {
            if (dropped.test(key)) {
                keys.add(key);
            }
            return true;
        });
        keys.forEach(key -> transaction.delete(keyspace, key));
        return keys.size();
    }
}
