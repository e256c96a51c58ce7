package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.storage.ConsistentView;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.StorageEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pages through DATA for records that a flush_all hid. Each page visits a bounded number of records, flushed or not,
 * so a sweeper that calls it often never pays for a whole scan at once, and it resumes where the last page stopped
 * instead of rescanning from the first key.
 */
final class FlushedKeyScan {
    /** The most records one page reads: bounds the work of one call whatever the share of flushed keys. */
    static final int RECORDS_PER_PAGE_MAX = 10_000;

    private FlushedKeyScan() {
    }

    static FlushedKeys page(StorageEngine storage, Optional<Bytes> startAfter, int keysMax) {
        if (keysMax <= 0) {
            return new FlushedKeys(List.of(), startAfter);
        }
        try (ConsistentView view = storage.openView()) {
            Visibility visibility = Visibility.of(AppliedPosition.load(view), FlushState.load(view));
            if (visibility.flushedThroughRevision() == 0) {
                return new FlushedKeys(List.of(), Optional.empty());
            }
            Collector collector = new Collector(visibility, keysMax);
            // The least key after startAfter is startAfter followed by a zero byte.
            Bytes start = startAfter.map(key -> key.concat(Bytes.wrap(new byte[] {0}))).orElse(Bytes.EMPTY);
            view.scan(Keyspace.DATA, start, Optional.empty(), collector::visit);
            return new FlushedKeys(collector.keys, collector.stopped ? collector.lastVisited : Optional.empty());
        }
    }

    private static final class Collector {
        private final Visibility visibility;
        private final int keysMax;
        private final List<Bytes> keys = new ArrayList<>();
        private Optional<Bytes> lastVisited = Optional.empty();
        private int visited;
        private boolean stopped;

        Collector(Visibility visibility, int keysMax) {
            this.visibility = visibility;
            this.keysMax = keysMax;
        }

        boolean visit(Bytes key, Bytes encoded) {
            if (visibility.isFlushed(StoredRecord.decodeMetadata(encoded))) {
                keys.add(key);
            }
            visited++;
            lastVisited = Optional.of(key);
            stopped = keys.size() >= keysMax || visited >= RECORDS_PER_PAGE_MAX;
            return !stopped;
        }
    }
}
