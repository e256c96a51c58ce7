package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyValue;
import io.raftkv.core.Limits;
import io.raftkv.core.query.Get;
import io.raftkv.core.query.MemberAddresses;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import io.raftkv.core.query.QueryResult.Addresses;
import io.raftkv.core.query.QueryResult.Found;
import io.raftkv.core.query.QueryResult.Missing;
import io.raftkv.core.query.QueryResult.RangeResult;
import io.raftkv.core.query.Range;
import io.raftkv.storage.ConsistentView;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.ReadView;
import io.raftkv.storage.StorageEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers queries from one consistent view, so that the revision a result carries and the data it holds are from the
 * same committed entry. Expiry is judged by the cluster time stored in that view, exactly as commands judge it.
 */
final class QueryReader {
    private QueryReader() {
    }

    static QueryResult query(StorageEngine storage, Query query) {
        try (ConsistentView view = storage.openView()) {
            AppliedPosition position = AppliedPosition.load(view);
            return switch (query) {
                case Get get -> get(view, position, get);
                case Range range -> range(view, position, range);
                case MemberAddresses ignored -> new Addresses(position.revision(), MemberDirectory.read(view));
            };
        }
    }

    private static QueryResult get(ReadView view, AppliedPosition position, Get get) {
        return DataTable.readLive(view, get.key(), position.clusterTimeMillis())
                .<QueryResult>map(record -> new Found(position.revision(),
                        new KeyValue(get.key(), record.value(), record.metadata())))
                .orElseGet(() -> new Missing(position.revision()));
    }

    private static RangeResult range(ReadView view, AppliedPosition position, Range range) {
        int returnedMax = range.countOnly() ? 0 : Math.clamp(range.limit(), 0, Limits.DEFAULT.rangeLimitMax());
        RangeCollector collector = new RangeCollector(range.keysOnly(), returnedMax, Limits.DEFAULT.rangeCountMax(),
                position.clusterTimeMillis());
        view.scan(Keyspace.DATA, range.start(), range.end(), collector::visit);
        return new RangeResult(position.revision(), collector.keyValues, collector.count,
                collector.count > collector.keyValues.size());
    }

    /** Counts the live keys of a range and keeps the first ones. */
    private static final class RangeCollector {
        private final boolean keysOnly;
        private final int returnedMax;
        private final int countMax;
        private final long clusterTimeMillis;
        private final List<KeyValue> keyValues = new ArrayList<>();
        private long count;

        RangeCollector(boolean keysOnly, int returnedMax, int countMax, long clusterTimeMillis) {
            this.keysOnly = keysOnly;
            this.returnedMax = returnedMax;
            this.countMax = countMax;
            this.clusterTimeMillis = clusterTimeMillis;
        }

        boolean visit(Bytes key, Bytes encoded) {
            StoredRecord record = StoredRecord.decode(encoded);
            if (record.isExpiredAt(clusterTimeMillis)) {
                return true;
            }
            count++;
            if (keyValues.size() < returnedMax) {
                keyValues.add(new KeyValue(key, keysOnly ? Bytes.EMPTY : record.value(), record.metadata()));
            }
            return count < countMax;
        }
    }
}
