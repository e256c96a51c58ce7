package io.raftkv.storage.rocksdb;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;

/**
 * The native option objects every database of a node shares, tuned for a small node on two cores. They must outlive
 * every database opened with them, so the engine closes them last.
 */
final class RocksDbOptions implements AutoCloseable {
    // Options are the first native objects any database needs, so the library loads here, once per class loader.
    static {
        RocksDB.loadLibrary();
    }

    /** One cache for all column families, so the busy key space can use what the quiet ones leave. */
    static final long BLOCK_CACHE_BYTES = 64L * 1024 * 1024;
    /** Flushes and compactions together; more than the two cores would only make them fight the apply thread. */
    static final int BACKGROUND_JOBS_MAX = 2;
    /** One memtable; large enough that small writes batch into few level-0 files. */
    static final long WRITE_BUFFER_BYTES = 16L * 1024 * 1024;
    /** All memtables of all column families together, so six column families cannot use six times the memory. */
    static final long ALL_WRITE_BUFFERS_BYTES_MAX = 64L * 1024 * 1024;
    /**
     * A quiet column family pins every log file written since its last flush; past this total RocksDB flushes it, so
     * the log (and restart replay time) stays bounded.
     */
    static final long WRITE_AHEAD_LOG_BYTES_MAX = 256L * 1024 * 1024;
    /** About a 1% false positive rate: point reads of missing user keys rarely touch disk. */
    static final double BLOOM_FILTER_BITS_PER_KEY = 10;
    /** Writes back data files in steps during compaction instead of one large burst at the end. */
    static final long BACKGROUND_SYNC_BYTES = 1024L * 1024;
    static final long INFO_LOG_FILE_BYTES_MAX = 8L * 1024 * 1024;
    static final long INFO_LOG_FILES_KEPT = 3;

    private final LRUCache blockCache;
    private final BloomFilter bloomFilter;
    private final DBOptions databaseOptions;
    private final ColumnFamilyOptions dataOptions;
    private final ColumnFamilyOptions otherOptions;

    RocksDbOptions() {
        blockCache = new LRUCache(BLOCK_CACHE_BYTES);
        bloomFilter = new BloomFilter(BLOOM_FILTER_BITS_PER_KEY);
        databaseOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(BACKGROUND_JOBS_MAX)
                .setDbWriteBufferSize(ALL_WRITE_BUFFERS_BYTES_MAX)
                .setMaxTotalWalSize(WRITE_AHEAD_LOG_BYTES_MAX)
                .setBytesPerSync(BACKGROUND_SYNC_BYTES)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setMaxLogFileSize(INFO_LOG_FILE_BYTES_MAX)
                .setKeepLogFileNum(INFO_LOG_FILES_KEPT);
        dataOptions = columnFamilyOptions(new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setFilterPolicy(bloomFilter));
        // The other key spaces are scanned in order or read by keys that exist, where a filter would only cost memory.
        otherOptions = columnFamilyOptions(new BlockBasedTableConfig().setBlockCache(blockCache));
    }

    private static ColumnFamilyOptions columnFamilyOptions(BlockBasedTableConfig table) {
        return new ColumnFamilyOptions()
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(table);
    }

    DBOptions databaseOptions() {
        return databaseOptions;
    }

    ColumnFamilyOptions dataOptions() {
        return dataOptions;
    }

    ColumnFamilyOptions otherOptions() {
        return otherOptions;
    }

    @Override
    public void close() {
        otherOptions.close();
        dataOptions.close();
        databaseOptions.close();
        bloomFilter.close();
        blockCache.close();
    }
}
