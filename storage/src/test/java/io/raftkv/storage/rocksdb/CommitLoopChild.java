package io.raftkv.storage.rocksdb;

import io.raftkv.core.Bytes;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.StorageTransaction;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The process {@link RocksDbStorageTest} kills with SIGKILL: it commits numbered transactions and prints each number
 * only after its commit returned, so every printed number must survive the kill. It stops by itself so that a parent
 * that dies first leaves no process behind for long.
 */
public final class CommitLoopChild {
    static final int COMMIT_COUNT_MAX = 100_000;
    static final long RUN_MILLIS_MAX = 20_000;

    private CommitLoopChild() {
    }

    public static void main(String[] arguments) {
        long deadlineMillis = System.currentTimeMillis() + RUN_MILLIS_MAX;
        try (RocksDbStorage engine = RocksDbStorage.open(Path.of(arguments[0]))) {
            for (long number = 0; number < COMMIT_COUNT_MAX && System.currentTimeMillis() < deadlineMillis; number++) {
                try (StorageTransaction transaction = engine.begin()) {
                    transaction.put(Keyspace.DATA, key(number), key(number));
                    transaction.put(Keyspace.META, Bytes.utf8("last"), key(number));
                    transaction.commit();
                }
                System.out.println(number);
            }
        }
    }

    static Bytes key(long number) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(number).array());
    }
}
