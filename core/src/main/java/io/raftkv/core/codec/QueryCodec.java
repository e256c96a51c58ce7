package io.raftkv.core.codec;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyValue;
import io.raftkv.core.Limits;
import io.raftkv.core.query.CacheGet;
import io.raftkv.core.query.Get;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The binary form of queries and their results, as they travel through Ratis read-only requests. */
public final class QueryCodec {
    private static final int TAG_GET = 1;
    private static final int TAG_RANGE = 2;
    private static final int TAG_MEMBER_ADDRESSES = 3;
    private static final int TAG_CACHE_GET = 4;
    private static final int TAG_FOUND = 1;
    private static final int TAG_MISSING = 2;
    private static final int TAG_RANGE_RESULT = 3;
    private static final int TAG_ADDRESSES = 4;
    private static final int TAG_CACHE_ITEMS = 5;
    /** The least a cache item takes on the wire: its presence flag. */
    private static final int CACHE_ITEM_BYTES_MIN = 1;

    private QueryCodec() {
    }

    public static byte[] encode(Query<?> query) {
        BinaryWriter writer = new BinaryWriter(64);
        switch (query) {
            case Get get -> writer.writeByte(TAG_GET).writeBytes(get.key());
            case Range range -> {
                writer.writeByte(TAG_RANGE).writeBytes(range.start()).writeBoolean(range.end().isPresent());
                range.end().ifPresent(writer::writeBytes);
                writer.writeInt(range.limit()).writeBoolean(range.keysOnly()).writeBoolean(range.countOnly());
            }
            case MemberAddresses ignored -> writer.writeByte(TAG_MEMBER_ADDRESSES);
            case CacheGet cacheGet -> {
                writer.writeByte(TAG_CACHE_GET).writeInt(cacheGet.keys().size());
                cacheGet.keys().forEach(writer::writeBytes);
                writer.writeInt(cacheGet.answerBytesMax());
            }
        }
        return writer.toByteArray();
    }

    public static Query<?> decodeQuery(byte[] data) {
        BinaryReader reader = new BinaryReader(data);
        int tag = reader.readByte();
        Query<?> query = switch (tag) {
            case TAG_GET -> new Get(reader.readBytes());
            case TAG_RANGE -> {
                Bytes start = reader.readBytes();
                Optional<Bytes> end = reader.readBoolean() ? Optional.of(reader.readBytes()) : Optional.empty();
                yield new Range(start, end, reader.readInt(), reader.readBoolean(), reader.readBoolean());
            }
            case TAG_MEMBER_ADDRESSES -> new MemberAddresses();
            case TAG_CACHE_GET -> readCacheGet(reader);
            default -> throw new CodecException("unknown query tag " + tag);
        };
        reader.expectEnd();
        return query;
    }

    public static byte[] encode(QueryResult result) {
        BinaryWriter writer = new BinaryWriter(128);
        switch (result) {
            case Found found -> {
                writer.writeByte(TAG_FOUND).writeLong(found.revision());
                writeKeyValue(writer, found.keyValue());
            }
            case Missing missing -> writer.writeByte(TAG_MISSING).writeLong(missing.revision());
            case RangeResult range -> {
                writer.writeByte(TAG_RANGE_RESULT).writeLong(range.revision()).writeLong(range.count())
                        .writeBoolean(range.more()).writeInt(range.keyValues().size());
                range.keyValues().forEach(keyValue -> writeKeyValue(writer, keyValue));
            }
            case Addresses addresses -> {
                writer.writeByte(TAG_ADDRESSES).writeLong(addresses.revision())
                        .writeInt(addresses.httpAddressByNode().size());
                addresses.httpAddressByNode().forEach((node, address) -> writer.writeString(node).writeString(address));
            }
            case CacheItems cacheItems -> {
                writer.writeByte(TAG_CACHE_ITEMS).writeLong(cacheItems.revision()).writeInt(cacheItems.items().size());
                cacheItems.items().forEach(item -> writeCacheItem(writer, item));
            }
        }
        return writer.toByteArray();
    }

    public static QueryResult decodeResult(byte[] data) {
        BinaryReader reader = new BinaryReader(data);
        int tag = reader.readByte();
        QueryResult result = switch (tag) {
            case TAG_FOUND -> new Found(reader.readLong(), readKeyValue(reader));
            case TAG_MISSING -> new Missing(reader.readLong());
            case TAG_RANGE_RESULT -> {
                long revision = reader.readLong();
                long count = reader.readLong();
                boolean more = reader.readBoolean();
                int size = reader.readCount(8);
                List<KeyValue> keyValues = new ArrayList<>(size);
                for (int index = 0; index < size; index++) {
                    keyValues.add(readKeyValue(reader));
                }
                yield new RangeResult(revision, keyValues, count, more);
            }
            case TAG_ADDRESSES -> {
                long revision = reader.readLong();
                int size = reader.readCount(8);
                Map<String, String> addresses = new LinkedHashMap<>();
                for (int index = 0; index < size; index++) {
                    addresses.put(reader.readString(), reader.readString());
                }
                yield new Addresses(revision, addresses);
            }
            case TAG_CACHE_ITEMS -> readCacheItems(reader);
            default -> throw new CodecException("unknown query result tag " + tag);
        };
        reader.expectEnd();
        return result;
    }

    /** A count over the limit is refused here, before a replica spends a read on it. */
    private static CacheGet readCacheGet(BinaryReader reader) {
        int count = reader.readCount(4);
        if (count > Limits.CACHE_GET_KEYS_MAX) {
            throw new CodecException("cache get of " + count + " keys, more than " + Limits.CACHE_GET_KEYS_MAX);
        }
        List<Bytes> keys = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            keys.add(reader.readBytes());
        }
        int answerBytesMax = reader.readInt();
        if (answerBytesMax < 1 || answerBytesMax > Limits.CACHE_GET_BYTES_MAX) {
            throw new CodecException("cache get answer limit of " + answerBytesMax + " bytes, not 1.."
                    + Limits.CACHE_GET_BYTES_MAX);
        }
        return new CacheGet(keys, answerBytesMax);
    }

    private static void writeCacheItem(BinaryWriter writer, Optional<CacheItem> item) {
        writer.writeBoolean(item.isPresent());
        item.ifPresent(present -> {
            writeKeyValue(writer, present.keyValue());
            writer.writeMarks(present.marks());
        });
    }

    private static CacheItems readCacheItems(BinaryReader reader) {
        long revision = reader.readLong();
        int size = reader.readCount(CACHE_ITEM_BYTES_MIN);
        List<Optional<CacheItem>> items = new ArrayList<>(size);
        for (int index = 0; index < size; index++) {
            items.add(reader.readBoolean()
                    ? Optional.of(new CacheItem(readKeyValue(reader), reader.readMarks())) : Optional.empty());
        }
        return new CacheItems(revision, items);
    }

    private static void writeKeyValue(BinaryWriter writer, KeyValue keyValue) {
        writer.writeBytes(keyValue.key()).writeBytes(keyValue.value()).writeMetadata(keyValue.metadata());
    }

    private static KeyValue readKeyValue(BinaryReader reader) {
        return new KeyValue(reader.readBytes(), reader.readBytes(), reader.readMetadata());
    }
}
