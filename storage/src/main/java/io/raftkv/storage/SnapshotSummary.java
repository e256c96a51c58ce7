package io.raftkv.storage;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a snapshot file holds, without its records: for the {@code snapshot status} command and for logs.
 *
 * @param formatVersion     the format version written in the header
 * @param recordCounts      the number of records in each key space (every key space is present, zero when empty)
 * @param storedChecksum    the CRC32C written at the end of the file
 * @param computedChecksum  the CRC32C of the bytes actually read
 */
public record SnapshotSummary(int formatVersion, Map<Keyspace, Long> recordCounts, long storedChecksum,
                              long computedChecksum) {

    public SnapshotSummary {
        // An enum map keeps the key spaces in snapshot order when printed.
        recordCounts = Collections.unmodifiableMap(new EnumMap<>(recordCounts));
    }

    public boolean checksumValid() {
        return storedChecksum == computedChecksum;
    }

    public long recordCount() {
        return recordCounts.values().stream().mapToLong(Long::longValue).sum();
    }
}
