package io.raftkv.storage.rocksdb;

import io.raftkv.storage.StorageException;
import org.rocksdb.RocksDBException;

/** A call into RocksDB whose failure becomes a {@link StorageException} that names what was being done. */
@FunctionalInterface
interface RocksDbCall<T> {
    T call() throws RocksDBException;

    static <T> T run(String operation, RocksDbCall<T> call) {
        try {
            return call.call();
        } catch (RocksDBException failure) {
            throw new StorageException("rocksdb " + operation + " failed: " + failure.getMessage(), failure);
        }
    }
}
