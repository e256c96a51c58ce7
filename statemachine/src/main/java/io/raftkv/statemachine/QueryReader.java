package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.KeyValue;
import io.raftkv.core.Limits;
import io.raftkv.core.ResultTypes;
import io.raftkv.core.query.CacheGet;
import io.raftkv.core.query.Get;
import io.raftkv.core.query.GetResult;
import io.raftkv.core.query.MemberAddresses;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import io.raftkv.core.query.QueryResult.Addresses;
import io.raftkv.core.query.QueryResult.CacheItem;
import io.raftkv.core.query.QueryResult.CacheItems;
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
import java.util.Optional;

/**
 * Answers queries from one consistent view, so that the revision a result carries and the data it holds are from the
 * same committed entry. Whether a key exists is judged by {@link Visibility} with the cluster time and flush state
 * stored in that view, exactly as commands judge it.
 */
final class QueryReader {
    private QueryReader() {
    }

    static <R extends QueryResult> R query(StorageEngine storage, Query<R> query) {
        try (ConsistentView view = storage.openView()) {
            AppliedPosition position = AppliedPosition.load(view);
            Visibility visibility = Visibility.of(position, FlushState.load(view));
            QueryResult result = switch (query) {
                case Get get -> get(view, position.revision(), visibility, get);
                case Range range -> range(view, position.revision(), visibility, range);
                case MemberAddresses ignored -> new Addresses(position.revision(), MemberDirectory.read(view));
                case CacheGet cacheGet -> cacheGet(view, position.revision(), visibility, cacheGet);
            };
            return ResultTypes.narrow(query, result);
        }
    }

    private static GetResult get(ReadView view, long revision, Visibility visibility, Get get) {
        return DataTable.readLive(view, get.key(), visibility)
                .<GetResult>map(record -> new Found(revision, new KeyValue(get.key(), record.value(),
                        record.metadata())))
                .orElseGet(() -> new Missing(revision));
    }

    private static RangeResult range(ReadView view, long revision, Visibility visibility, Range range) {
        int returnedMax = range.countOnly() ? 0 : Math.clamp(range.limit(), 0, Limits.DEFAULT.rangeLimitMax());
        RangeCollector collector = new RangeCollector(range.keysOnly(), returnedMax, Limits.DEFAULT.rangeCountMax(),
                Limits.RANGE_BYTES_MAX, visibility);
        view.scan(Keyspace.DATA, range.start(), range.end(), collector::visit);
        return new RangeResult(revision, collector.keyValues, collector.count,
                collector.count > collector.keyValues.size());
    }

    /**
     * One item per requested key, in order, duplicates included: the front end lines them up with its request. The
     * items stop before the key whose value would take the answer past its byte limit (the first key always counts),
     * so a shorter list tells the front end that the rest did not fit.
     */
    private static CacheItems cacheGet(ReadView view, long revision, Visibility visibility, CacheGet cacheGet) {
        // The codec refuses larger requests from the network; a front end that builds one itself is broken.
        Invariants.check(cacheGet.keys().size() <= Limits.CACHE_GET_KEYS_MAX, "cache get of %d keys, more than %d",
                cacheGet.keys().size(), Limits.CACHE_GET_KEYS_MAX);
        List<Optional<CacheItem>> items = new ArrayList<>(cacheGet.keys().size());
        long answerBytes = 0;
        for (Bytes key : cacheGet.keys()) {
            Optional<CacheItem> item = DataTable.readLive(view, key, visibility)
                    .map(record -> new CacheItem(new KeyValue(key, record.value(), record.metadata()),
                            record.marks()));
            answerBytes += item.map(present -> (long) key.length() + present.keyValue().value().length()).orElse(0L);
            if (answerBytes > cacheGet.answerBytesMax() && !items.isEmpty()) {
                break;
            }
            items.add(item);
        }
        return new CacheItems(revision, items);
    }

    /**
     * Counts the live keys of a range and keeps the first ones, up to a number of keys and of bytes. The kept keys are
     * always the first of the range, with none skipped, so a client that pages on from the last one misses nothing.
     */
    private static final class RangeCollector {
        private final boolean keysOnly;
        private final int returnedMax;
        private final int countMax;
        private final long returnedBytesMax;
        private final Visibility visibility;
        private final List<KeyValue> keyValues = new ArrayList<>();
        private long count;
        private long returnedBytes;
        private boolean full;

        RangeCollector(boolean keysOnly, int returnedMax, int countMax, long returnedBytesMax, Visibility visibility) {
            this.keysOnly = keysOnly;
            this.returnedMax = returnedMax;
            this.countMax = countMax;
            this.returnedBytesMax = returnedBytesMax;
            this.visibility = visibility;
        }

        boolean visit(Bytes key, Bytes encoded) {
            StoredRecord record = StoredRecord.decode(encoded);
            if (!visibility.isLive(record)) {
                return true;
            }
            count++;
            keep(new KeyValue(key, keysOnly ? Bytes.EMPTY : record.value(), record.metadata()));
            return count < countMax;
        }

        private void keep(KeyValue keyValue) {
            long bytes = (long) keyValue.key().length() + keyValue.value().length();
            full = full || keyValues.size() >= returnedMax
                    || (!keyValues.isEmpty() && returnedBytes + bytes > returnedBytesMax);
            if (!full) {
                keyValues.add(keyValue);
                returnedBytes += bytes;
            }
        }
    }
}
