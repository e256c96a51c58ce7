package io.raftkv.storage.memory;

import io.raftkv.core.Bytes;
import io.raftkv.storage.ReadView;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/** Range selection and ordered merging over sorted maps, shared by the engine, its views and its transactions. */
final class SortedRanges {
    private SortedRanges() {
    }

    /** The entries with keys in [start, end); an end at or before the start selects nothing instead of throwing. */
    static <V> NavigableMap<Bytes, V> range(NavigableMap<Bytes, V> map, Bytes start, Optional<Bytes> end) {
        if (end.isEmpty()) {
            return map.tailMap(start, true);
        }
        if (end.get().compareTo(start) <= 0) {
            return Collections.emptyNavigableMap();
        }
        return map.subMap(start, true, end.get(), false);
    }

    static void visit(NavigableMap<Bytes, Bytes> entries, ReadView.ScanVisitor visitor) {
        for (Map.Entry<Bytes, Bytes> entry : entries.entrySet()) {
            if (!visitor.visit(entry.getKey(), entry.getValue())) {
                return;
            }
        }
    }

    /**
     * Visits committed entries with a transaction's pending writes laid over them, in key order: a pending put
     * replaces or adds an entry, a tombstone hides one.
     */
    static void visitMerged(NavigableMap<Bytes, Bytes> committed, NavigableMap<Bytes, PendingWrite> pending,
                            ReadView.ScanVisitor visitor) {
        Iterator<Map.Entry<Bytes, Bytes>> committedEntries = committed.entrySet().iterator();
        Iterator<Map.Entry<Bytes, PendingWrite>> pendingEntries = pending.entrySet().iterator();
        Map.Entry<Bytes, Bytes> nextCommitted = nextOrNull(committedEntries);
        Map.Entry<Bytes, PendingWrite> nextPending = nextOrNull(pendingEntries);
        boolean goOn = true;
        while (goOn && (nextCommitted != null || nextPending != null)) {
            int order = nextCommitted == null ? 1
                    : nextPending == null ? -1
                    : nextCommitted.getKey().compareTo(nextPending.getKey());
            if (order < 0) {
                goOn = visitor.visit(nextCommitted.getKey(), nextCommitted.getValue());
                nextCommitted = nextOrNull(committedEntries);
                continue;
            }
            if (order == 0) {
                nextCommitted = nextOrNull(committedEntries);
            }
            goOn = visitPending(nextPending.getKey(), nextPending.getValue(), visitor);
            nextPending = nextOrNull(pendingEntries);
        }
    }

    private static boolean visitPending(Bytes key, PendingWrite write, ReadView.ScanVisitor visitor) {
        return switch (write) {
            case PendingWrite.Put put -> visitor.visit(key, put.value());
            case PendingWrite.Tombstone tombstone -> true;
        };
    }

    private static <V> Map.Entry<Bytes, V> nextOrNull(Iterator<Map.Entry<Bytes, V>> entries) {
        return entries.hasNext() ? entries.next() : null;
    }
}
