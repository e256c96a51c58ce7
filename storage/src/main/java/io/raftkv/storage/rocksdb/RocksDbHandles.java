package io.raftkv.storage.rocksdb;

import io.raftkv.storage.Keyspace;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;

/** One open database and its column family handles, one per key space plus the "default" RocksDB insists on. */
final class RocksDbHandles implements AutoCloseable {
    private final RocksDB database;
    private final List<ColumnFamilyHandle> allHandles;
    private final EnumMap<Keyspace, ColumnFamilyHandle> keyspaceHandles;

    private RocksDbHandles(RocksDB database, List<ColumnFamilyHandle> allHandles,
                           EnumMap<Keyspace, ColumnFamilyHandle> keyspaceHandles) {
        this.database = database;
        this.allHandles = allHandles;
        this.keyspaceHandles = keyspaceHandles;
    }

    /** Opens or creates the database in {@code directory}, creating missing column families. */
    static RocksDbHandles open(Path directory, RocksDbOptions options) {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, options.otherOptions()));
        for (Keyspace keyspace : Keyspace.values()) {
            descriptors.add(new ColumnFamilyDescriptor(columnFamilyName(keyspace),
                    keyspace == Keyspace.DATA ? options.dataOptions() : options.otherOptions()));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB database = RocksDbCall.run("open of " + directory, () -> RocksDB.open(
                options.databaseOptions(), directory.toString(), descriptors, handles));
        EnumMap<Keyspace, ColumnFamilyHandle> keyspaceHandles = new EnumMap<>(Keyspace.class);
        for (Keyspace keyspace : Keyspace.values()) {
            // Handles come back in descriptor order, after "default".
            keyspaceHandles.put(keyspace, handles.get(keyspace.ordinal() + 1));
        }
        return new RocksDbHandles(database, handles, keyspaceHandles);
    }

    static byte[] columnFamilyName(Keyspace keyspace) {
        return keyspace.name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }

    RocksDB database() {
        return database;
    }

    ColumnFamilyHandle handle(Keyspace keyspace) {
        return keyspaceHandles.get(keyspace);
    }

    List<ColumnFamilyHandle> allHandles() {
        return allHandles;
    }

    /** Column family handles go before the database: freeing them after it would touch freed memory. */
    @Override
    public void close() {
        allHandles.forEach(ColumnFamilyHandle::close);
        database.close();
    }
}
