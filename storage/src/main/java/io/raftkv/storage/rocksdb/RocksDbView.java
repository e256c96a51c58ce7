package io.raftkv.storage.rocksdb;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.storage.ConsistentView;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.SnapshotFormat;
import io.raftkv.storage.SnapshotWriter;
import org.rocksdb.ReadOptions;
import org.rocksdb.Snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads pinned to a RocksDB snapshot. The engine keeps the database open until every view is closed, because reading
 * through a view of a closed database would touch freed native memory.
 */
final class RocksDbView implements ConsistentView {
    private final RocksDbHandles handles;
    private final Snapshot snapshot;
    private final ReadOptions readOptions;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    RocksDbView(RocksDbHandles handles, Runnable onClose) {
        this.handles = handles;
        this.snapshot = handles.database().getSnapshot();
        this.readOptions = new ReadOptions().setSnapshot(snapshot);
        this.onClose = onClose;
    }

    @Override
    public Optional<Bytes> get(Keyspace keyspace, Bytes key) {
        checkOpen();
        byte[] value = RocksDbCall.run("get in a view",
                () -> handles.database().get(handles.handle(keyspace), readOptions, key.unsafeArray()));
        return Optional.ofNullable(value).map(Bytes::wrap);
    }

    @Override
    public void scan(Keyspace keyspace, Bytes start, Optional<Bytes> end, ScanVisitor visitor) {
        checkOpen();
        RocksDbScan.visit(handles.database().newIterator(handles.handle(keyspace), readOptions), start, end, visitor);
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        SnapshotWriter writer = SnapshotFormat.writer(out);
        writeTo(writer);
        writer.finish();
    }

    private void writeTo(SnapshotWriter writer) throws IOException {
        checkOpen();
        for (Keyspace keyspace : Keyspace.values()) {
            try (var iterator = handles.database().newIterator(handles.handle(keyspace), readOptions)) {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    writer.write(keyspace, Bytes.wrap(iterator.key()), Bytes.wrap(iterator.value()));
                }
                RocksDbCall.run("snapshot scan", () -> {
                    iterator.status();
                    return null;
                });
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            readOptions.close();
            handles.database().releaseSnapshot(snapshot);
            snapshot.close();
            onClose.run();
        }
    }

    private void checkOpen() {
        Invariants.check(!closed.get(), "read through a closed view");
    }
}
