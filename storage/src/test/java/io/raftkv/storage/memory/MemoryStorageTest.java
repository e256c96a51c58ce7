package io.raftkv.storage.memory;

import io.raftkv.core.Bytes;
import io.raftkv.storage.ConsistentView;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.StorageEngineContract;
import io.raftkv.storage.StorageTransaction;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryStorageTest extends StorageEngineContract {

    @Override
    protected StorageEngine createEngine() {
        return MemoryStorage.create();
    }

    @Test
    void sizeCountsKeyAndValueBytesOfLiveEntries() throws IOException {
        StorageEngine engine = newEngine();
        commitPut(engine, Keyspace.DATA, bytes("ab"), bytes("cde"));
        commitPut(engine, Keyspace.META, bytes("x"), bytes("y"));
        assertThat(engine.approximateSizeBytes()).isEqualTo(7);

        commitPut(engine, Keyspace.DATA, bytes("ab"), bytes("c"));
        try (StorageTransaction transaction = engine.begin()) {
            transaction.delete(Keyspace.META, bytes("x"));
            transaction.delete(Keyspace.META, bytes("never written"));
            transaction.commit();
        }

        assertThat(engine.approximateSizeBytes()).isEqualTo(3);
    }

    @Test
    void viewsOpenedAtDifferentTimesEachKeepTheirOwnState() throws IOException {
        StorageEngine engine = newEngine();
        commitPut(engine, Keyspace.DATA, bytes("k"), bytes("1"));
        ConsistentView first = engine.openView();
        commitPut(engine, Keyspace.DATA, bytes("k"), bytes("2"));
        try (ConsistentView second = engine.openView()) {
            commitPut(engine, Keyspace.DATA, bytes("k"), bytes("3"));
            assertThat(first.get(Keyspace.DATA, bytes("k"))).contains(bytes("1"));
            first.close();
            commitPut(engine, Keyspace.DATA, bytes("k"), bytes("4"));

            assertThat(second.get(Keyspace.DATA, bytes("k"))).contains(bytes("2"));
        }
        assertThat(engine.get(Keyspace.DATA, Bytes.utf8("k"))).contains(bytes("4"));
    }
}
