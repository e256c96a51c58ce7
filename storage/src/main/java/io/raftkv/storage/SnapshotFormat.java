package io.raftkv.storage;

import io.raftkv.core.Bytes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The engine-neutral snapshot file: what a leader sends to a lagging follower and what a backup holds. Both engines
 * write and read exactly this, so a snapshot taken from RocksDB restores into memory and the other way round.
 *
 * <pre>
 * magic        8 bytes  "RAFTKVSN"
 * version      int      1
 * records      repeated (keyspaceTag: byte 1..5, keyLength: int, key, valueLength: int, value),
 *                       in key space order, then unsigned key order, each key at most once
 * end marker   byte     0
 * recordCount  long     how many records came before the end marker
 * checksum     int      CRC32C of every byte before it
 * </pre>
 *
 * Integers are big-endian. Writing and reading both stream: neither holds more than one record in memory.
 */
public final class SnapshotFormat {
    static final byte[] MAGIC = "RAFTKVSN".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    static final int END_MARKER_TAG = 0;
    /**
     * Far above the largest key or value the store accepts, yet small enough that a corrupt length cannot make a
     * reader allocate gigabytes before the checksum catches it.
     */
    public static final int FIELD_BYTES_MAX = 64 * 1024 * 1024;

    private SnapshotFormat() {
    }

    /** Receives the records of a snapshot in file order. */
    @FunctionalInterface
    public interface RecordVisitor {
        void visit(Keyspace keyspace, Bytes key, Bytes value) throws IOException;
    }

    /** Starts a snapshot on {@code out}; the caller adds records in order and then calls {@link SnapshotWriter#finish()}. */
    public static SnapshotWriter writer(OutputStream out) throws IOException {
        return new SnapshotWriter(out);
    }

    /**
     * Reads a whole snapshot, handing each record to the visitor. The checksum can only be checked at the end, so the
     * visitor must put records somewhere invisible and make them visible only after this returns.
     *
     * @throws SnapshotCorruptException when the file is truncated, damaged or fails its checksum
     */
    public static SnapshotSummary read(InputStream in, RecordVisitor visitor) throws IOException {
        SnapshotSummary summary = new SnapshotReader(in).readAll(visitor);
        if (!summary.checksumValid()) {
            throw new SnapshotCorruptException(String.format(
                    "snapshot checksum mismatch: stored %08x, computed %08x", summary.storedChecksum(),
                    summary.computedChecksum()));
        }
        return summary;
    }

    /**
     * Reads a snapshot only to describe it. A checksum mismatch is reported in the summary rather than thrown, so a
     * status command can show what a damaged file claims to hold; any other damage still throws.
     */
    public static SnapshotSummary summarize(InputStream in) throws IOException {
        return new SnapshotReader(in).readAll((keyspace, key, value) -> {
        });
    }

    static Keyspace keyspaceOfTag(int tag) throws SnapshotCorruptException {
        for (Keyspace keyspace : Keyspace.values()) {
            if (keyspace.snapshotTag() == tag) {
                return keyspace;
            }
        }
        throw new SnapshotCorruptException("snapshot has unknown key space tag " + tag);
    }
}
