package io.raftkv.storage.rocksdb;

import io.raftkv.storage.SnapshotFormat;
import org.rocksdb.FlushOptions;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Builds a fresh database from a snapshot stream in a directory nobody reads. Writes skip the write-ahead log: the
 * import either finishes with a flush that makes every table file durable, or the directory is thrown away.
 */
final class SnapshotImport {
    /** Large enough to amortise each write, small enough to keep memory flat on a big snapshot. */
    static final long BATCH_BYTES_MAX = 4L * 1024 * 1024;

    private SnapshotImport() {
    }

    /** Reads the whole snapshot into a new database in {@code directory}, then flushes and closes it. */
    static void build(Path directory, RocksDbOptions options, InputStream in) throws IOException {
        try (RocksDbHandles handles = RocksDbHandles.open(directory, options);
             WriteOptions withoutLog = new WriteOptions().setDisableWAL(true);
             WriteBatch batch = new WriteBatch()) {
            SnapshotFormat.read(in, (keyspace, key, value) -> {
                RocksDbCall.run("restore put", () -> {
                    batch.put(handles.handle(keyspace), key.unsafeArray(), value.unsafeArray());
                    return null;
                });
                if (batch.getDataSize() >= BATCH_BYTES_MAX) {
                    writeAndClear(handles, withoutLog, batch);
                }
            });
            writeAndClear(handles, withoutLog, batch);
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                RocksDbCall.run("restore flush", () -> {
                    handles.database().flush(flush, handles.allHandles());
                    return null;
                });
            }
        }
    }

    private static void writeAndClear(RocksDbHandles handles, WriteOptions options, WriteBatch batch) {
        RocksDbCall.run("restore write", () -> {
            handles.database().write(options, batch);
            return null;
        });
        batch.clear();
    }
}
