package io.raftkv.statemachine;

import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.memory.MemoryStorage;
import io.raftkv.storage.rocksdb.RocksDbStorage;

import java.nio.file.Path;

/** The storage engines the state machine is tested on; every storage-touching test runs on each. */
enum EngineKind {
    MEMORY {
        @Override
        StorageEngine open(Path directory) {
            return MemoryStorage.create();
        }
    },
    ROCKSDB {
        @Override
        StorageEngine open(Path directory) {
            return RocksDbStorage.open(directory);
        }
    };

    /** A fresh engine; durable engines keep their files in {@code directory}. */
    abstract StorageEngine open(Path directory);
}
