package io.raftkv.storage.memory;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.storage.ConsistentView;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.SnapshotFormat;
import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.StorageTransaction;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The whole state in sorted maps, one per key space: for tests, simulations and nodes that rebuild from their peers.
 * Commits take a write lock so readers never see half of one; views share maps copy-on-write (see
 * {@link KeyspaceMap}) so they never hold the lock.
 */
public final class MemoryStorage implements StorageEngine {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Guarded by {@link #lock}: the map objects are replaced on copy and restore. */
    private final EnumMap<Keyspace, KeyspaceMap> maps = new EnumMap<>(Keyspace.class);
    /** Guarded by {@link #lock}: the sum of key and value lengths of every entry. */
    private long liveBytes;
    private final AtomicBoolean transactionOpen = new AtomicBoolean();
    private volatile boolean closed;

    private MemoryStorage() {
        for (Keyspace keyspace : Keyspace.values()) {
            maps.put(keyspace, KeyspaceMap.empty());
        }
    }

    public static MemoryStorage create() {
        return new MemoryStorage();
    }

    @Override
    public Optional<Bytes> get(Keyspace keyspace, Bytes key) {
        return underReadLock(() -> Optional.ofNullable(maps.get(keyspace).entries().get(key)));
    }

    @Override
    public void scan(Keyspace keyspace, Bytes start, Optional<Bytes> end, ScanVisitor visitor) {
        underReadLock(() -> {
            SortedRanges.visit(SortedRanges.range(maps.get(keyspace).entries(), start, end), visitor);
            return null;
        });
    }

    @Override
    public ConsistentView openView() {
        Invariants.check(!closed, "view opened on a closed engine");
        // The read lock keeps commits out, so no commit can change a map between choosing it and marking it shared.
        return underReadLock(() -> {
            EnumMap<Keyspace, KeyspaceMap> shared = new EnumMap<>(maps);
            shared.values().forEach(KeyspaceMap::addView);
            return new MemoryView(shared);
        });
    }

    @Override
    public StorageTransaction begin() {
        Invariants.check(!closed, "transaction begun on a closed engine");
        Invariants.check(transactionOpen.compareAndSet(false, true), "a transaction is already open");
        return new MemoryTransaction(this);
    }

    @Override
    public void restoreSnapshot(InputStream in) throws IOException {
        Invariants.check(!transactionOpen.get(), "restore while a transaction is open");
        EnumMap<Keyspace, TreeMap<Bytes, Bytes>> restored = new EnumMap<>(Keyspace.class);
        for (Keyspace keyspace : Keyspace.values()) {
            restored.put(keyspace, new TreeMap<>());
        }
        long[] restoredBytes = {0};
        // Records land in fresh maps; only a snapshot that passed its checksum is swapped in.
        SnapshotFormat.read(in, (keyspace, key, value) -> {
            restored.get(keyspace).put(key, value);
            restoredBytes[0] += key.length() + value.length();
        });
        lock.writeLock().lock();
        try {
            restored.forEach((keyspace, entries) -> maps.put(keyspace, new KeyspaceMap(entries)));
            liveBytes = restoredBytes[0];
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Nothing to do: memory does not survive a crash of any kind. */
    @Override
    public void sync() {
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public long approximateSizeBytes() {
        return underReadLock(() -> liveBytes);
    }

    @Override
    public void close() {
        closed = true;
    }

    void scanMerged(Keyspace keyspace, Bytes start, Optional<Bytes> end, NavigableMap<Bytes, PendingWrite> pending,
                    ScanVisitor visitor) {
        underReadLock(() -> {
            SortedRanges.visitMerged(SortedRanges.range(maps.get(keyspace).entries(), start, end),
                    SortedRanges.range(pending, start, end), visitor);
            return null;
        });
    }

    void apply(EnumMap<Keyspace, TreeMap<Bytes, PendingWrite>> pending) {
        lock.writeLock().lock();
        try {
            pending.forEach((keyspace, writes) -> {
                if (!writes.isEmpty()) {
                    applyToKeyspace(keyspace, writes);
                }
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    void transactionClosed() {
        Invariants.check(transactionOpen.compareAndSet(true, false), "closed a transaction that was not open");
    }

    private void applyToKeyspace(Keyspace keyspace, TreeMap<Bytes, PendingWrite> writes) {
        KeyspaceMap map = maps.get(keyspace);
        if (map.sharedWithViews()) {
            map = map.copyForWriting();
            maps.put(keyspace, map);
        }
        TreeMap<Bytes, Bytes> entries = map.entries();
        for (Map.Entry<Bytes, PendingWrite> write : writes.entrySet()) {
            Bytes key = write.getKey();
            Bytes previous = switch (write.getValue()) {
                case PendingWrite.Put put -> {
                    liveBytes += key.length() + put.value().length();
                    yield entries.put(key, put.value());
                }
                case PendingWrite.Tombstone tombstone -> entries.remove(key);
            };
            if (previous != null) {
                liveBytes -= key.length() + previous.length();
            }
        }
    }

    private <T> T underReadLock(Supplier<T> read) {
        lock.readLock().lock();
        try {
            return read.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
