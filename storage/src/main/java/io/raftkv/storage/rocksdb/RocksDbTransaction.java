package io.raftkv.storage.rocksdb;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.StorageTransaction;
import org.rocksdb.WriteBatchWithIndex;

import java.util.Optional;

/**
 * Writes buffered in an indexed batch: reads merge the batch over the database, so they see the transaction's own
 * writes, and commit writes the batch atomically.
 */
final class RocksDbTransaction implements StorageTransaction {
    private enum State { OPEN, COMMITTED, CLOSED }

    private final RocksDbStorage engine;
    // Overwriting keys in the index is what lets an iterator over the batch show only the latest write per key.
    private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
    private State state = State.OPEN;

    RocksDbTransaction(RocksDbStorage engine) {
        this.engine = engine;
    }

    @Override
    public Optional<Bytes> get(Keyspace keyspace, Bytes key) {
        Invariants.check(state != State.CLOSED, "read through a closed transaction");
        return engine.getThroughBatch(batch, keyspace, key);
    }

    @Override
    public void scan(Keyspace keyspace, Bytes start, Optional<Bytes> end, ScanVisitor visitor) {
        Invariants.check(state != State.CLOSED, "scan through a closed transaction");
        engine.scanThroughBatch(batch, keyspace, start, end, visitor);
    }

    @Override
    public void put(Keyspace keyspace, Bytes key, Bytes value) {
        Invariants.check(state == State.OPEN, "put in a transaction that is %s", state);
        engine.putInBatch(batch, keyspace, key, value);
    }

    @Override
    public void delete(Keyspace keyspace, Bytes key) {
        Invariants.check(state == State.OPEN, "delete in a transaction that is %s", state);
        engine.deleteInBatch(batch, keyspace, key);
    }

    @Override
    public void commit() {
        Invariants.check(state == State.OPEN, "commit of a transaction that is %s", state);
        engine.write(batch);
        state = State.COMMITTED;
    }

    @Override
    public void close() {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            batch.close();
            engine.transactionClosed();
        }
    }
}
