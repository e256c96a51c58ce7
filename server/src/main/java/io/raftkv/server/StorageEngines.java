package io.raftkv.server;

import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.memory.MemoryStorage;
import io.raftkv.storage.rocksdb.RocksDbStorage;

import java.nio.file.Path;

/** Opens the storage engine a node is configured with. */
final class StorageEngines {
    /** Where the RocksDB database lives, inside the data directory. */
    static final String DATABASE_SUBDIRECTORY = "db";

    private StorageEngines() {
    }

    static StorageEngine open(NodeConfig config) {
        Path databaseDirectory = config.dataDirectory().resolve(DATABASE_SUBDIRECTORY);
        return switch (config.storage()) {
            case ROCKSDB -> RocksDbStorage.open(databaseDirectory);
            case MEMORY -> MemoryStorage.create();
        };
    }
}
