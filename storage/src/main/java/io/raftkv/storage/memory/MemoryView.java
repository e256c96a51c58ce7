package io.raftkv.storage.memory;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.storage.ConsistentView;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.SnapshotFormat;
import io.raftkv.storage.SnapshotWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** A point-in-time view over maps the engine promises not to change while this view is open. */
final class MemoryView implements ConsistentView {
    private final EnumMap<Keyspace, KeyspaceMap> maps;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Takes maps the caller has already marked as shared with this view. */
    MemoryView(EnumMap<Keyspace, KeyspaceMap> maps) {
        this.maps = maps;
    }

    @Override
    public Optional<Bytes> get(Keyspace keyspace, Bytes key) {
        return Optional.ofNullable(entriesOf(keyspace).get(key));
    }

    @Override
    public void scan(Keyspace keyspace, Bytes start, Optional<Bytes> end, ScanVisitor visitor) {
        SortedRanges.visit(SortedRanges.range(entriesOf(keyspace), start, end), visitor);
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        SnapshotWriter writer = SnapshotFormat.writer(out);
        writeTo(writer);
        writer.finish();
    }

    private void writeTo(SnapshotWriter writer) throws IOException {
        for (Keyspace keyspace : Keyspace.values()) {
            for (Map.Entry<Bytes, Bytes> entry : entriesOf(keyspace).entrySet()) {
                writer.write(keyspace, entry.getKey(), entry.getValue());
            }
        }
    }

    @Override
    public void close() {
        // Closing twice must not release another view's share of the maps.
        if (closed.compareAndSet(false, true)) {
            maps.values().forEach(KeyspaceMap::removeView);
        }
    }

    private TreeMap<Bytes, Bytes> entriesOf(Keyspace keyspace) {
        Invariants.check(!closed.get(), "read through a closed view");
        return maps.get(keyspace).entries();
    }
}
