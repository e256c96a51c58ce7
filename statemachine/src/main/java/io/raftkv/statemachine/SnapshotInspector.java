package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.ReadView;
import io.raftkv.storage.SnapshotCorruptException;
import io.raftkv.storage.SnapshotFormat;
import io.raftkv.storage.SnapshotSummary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Describes a snapshot file without loading it: its position (applied index, term, revision, cluster time), how many
 * keys are live in it, and whether it is intact. META comes last in the file, and whether a DATA record is live
 * depends on META's cluster time and flush state, so the file is read twice; memory stays small whatever its size.
 * A truncated or damaged file, or one whose checksum does not match, throws {@link SnapshotCorruptException}.
 */
public final class SnapshotInspector {
    private SnapshotInspector() {
    }

    /**
     * @param sizeBytes    the file's size
     * @param liveKeys     keys a read at the snapshot's position would find
     * @param dataRecords  DATA records, the live ones plus expired or flushed ones not yet swept
     */
    public record Status(long sizeBytes, SnapshotSummary summary, long appliedIndex, long appliedTerm, long revision,
                         long clusterTimeMillis, long liveKeys, long dataRecords) {
    }

    /**
     * @param bytesRead told the running total of bytes read, across both passes (so it reaches twice the size)
     */
    public static Status inspect(Path file, LongConsumer bytesRead) throws IOException {
        long sizeBytes = Files.size(file);
        MetaView meta = new MetaView();
        SnapshotSummary summary;
        try (InputStream in = new CountingInputStream(Files.newInputStream(file), 0, bytesRead)) {
            summary = SnapshotFormat.read(in, (keyspace, key, value) -> {
                if (keyspace == Keyspace.META) {
                    meta.records.put(key, value);
                }
            });
        }
        AppliedPosition position = AppliedPosition.load(meta);
        Visibility visibility = Visibility.of(position, FlushState.load(meta));
        long[] live = {0};
        try (InputStream in = new CountingInputStream(Files.newInputStream(file), sizeBytes, bytesRead)) {
            SnapshotFormat.read(in, (keyspace, key, value) -> {
                if (keyspace == Keyspace.DATA && visibility.isLive(StoredRecord.decodeMetadata(value))) {
                    live[0]++;
                }
            });
        }
        return new Status(sizeBytes, summary, position.appliedIndex(), position.appliedTerm(), position.revision(),
                position.clusterTimeMillis(), live[0], summary.recordCounts().get(Keyspace.DATA));
    }

    /** The META records of a snapshot, read the way the state machine reads META from storage. */
    private static final class MetaView implements ReadView {
        private final TreeMap<Bytes, Bytes> records = new TreeMap<>();

        @Override
        public Optional<Bytes> get(Keyspace keyspace, Bytes key) {
            return keyspace == Keyspace.META ? Optional.ofNullable(records.get(key)) : Optional.empty();
        }

        @Override
        public void scan(Keyspace keyspace, Bytes start, Optional<Bytes> end, ScanVisitor visitor) {
            if (keyspace != Keyspace.META) {
                return;
            }
            var range = end.map(limit -> records.subMap(start, limit)).orElseGet(() -> records.tailMap(start));
            for (var entry : range.entrySet()) {
                if (!visitor.visit(entry.getKey(), entry.getValue())) {
                    return;
                }
            }
        }
    }
}
