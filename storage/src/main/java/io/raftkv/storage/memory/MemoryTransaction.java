package io.raftkv.storage.memory;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.StorageTransaction;

import java.util.EnumMap;
import java.util.Optional;
import java.util.TreeMap;

/** Buffers writes per key space until commit; reads see the buffered writes laid over the committed state. */
final class MemoryTransaction implements StorageTransaction {
    private enum State { OPEN, COMMITTED, CLOSED }

    private final MemoryStorage engine;
    private final EnumMap<Keyspace, TreeMap<Bytes, PendingWrite>> pending = new EnumMap<>(Keyspace.class);
    private State state = State.OPEN;

    MemoryTransaction(MemoryStorage engine) {
        this.engine = engine;
        for (Keyspace keyspace : Keyspace.values()) {
            pending.put(keyspace, new TreeMap<>());
        }
    }

    @Override
    public Optional<Bytes> get(Keyspace keyspace, Bytes key) {
        Invariants.check(state != State.CLOSED, "read through a closed transaction");
        PendingWrite write = pending.get(keyspace).get(key);
        if (write == null) {
            return engine.get(keyspace, key);
        }
        return switch (write) {
            case PendingWrite.Put put -> Optional.of(put.value());
            case PendingWrite.Tombstone tombstone -> Optional.empty();
        };
    }

    @Override
    public void scan(Keyspace keyspace, Bytes start, Optional<Bytes> end, ScanVisitor visitor) {
        Invariants.check(state != State.CLOSED, "scan through a closed transaction");
        engine.scanMerged(keyspace, start, end, pending.get(keyspace), visitor);
    }

    @Override
    public void put(Keyspace keyspace, Bytes key, Bytes value) {
        Invariants.check(state == State.OPEN, "put in a transaction that is %s", state);
        pending.get(keyspace).put(key, new PendingWrite.Put(value));
    }

    @Override
    public void delete(Keyspace keyspace, Bytes key) {
        Invariants.check(state == State.OPEN, "delete in a transaction that is %s", state);
        pending.get(keyspace).put(key, PendingWrite.Tombstone.INSTANCE);
    }

    @Override
    public void commit() {
        Invariants.check(state == State.OPEN, "commit of a transaction that is %s", state);
        engine.apply(pending);
        state = State.COMMITTED;
    }

    @Override
    public void close() {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            engine.transactionClosed();
        }
    }
}
