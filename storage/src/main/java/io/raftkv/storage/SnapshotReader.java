package io.raftkv.storage;

import io.raftkv.core.Bytes;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

/**
 * Reads one snapshot in the {@link SnapshotFormat}, checking every field a damaged file could get wrong: magic,
 * version, tags, order, lengths, the record count, the checksum and that nothing follows it.
 */
final class SnapshotReader {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final BufferedInputStream buffered;
    private final CRC32C checksum = new CRC32C();
    private final DataInputStream data;
    private final Map<Keyspace, Long> recordCounts = new EnumMap<>(Keyspace.class);
    private Keyspace lastKeyspace;
    private Bytes lastKey;
    private long recordCount;

    SnapshotReader(InputStream in) {
        this.buffered = new BufferedInputStream(in, BUFFER_BYTES);
        this.data = new DataInputStream(new CheckedInputStream(buffered, checksum));
        for (Keyspace keyspace : Keyspace.values()) {
            recordCounts.put(keyspace, 0L);
        }
    }

    /** Reads to the end; the summary says whether the checksum matched, every other fault throws. */
    SnapshotSummary readAll(SnapshotFormat.RecordVisitor visitor) throws IOException {
        try {
            readHeader();
            readRecords(visitor);
            return readTrailer();
        } catch (EOFException truncated) {
            throw new SnapshotCorruptException(
                    "snapshot is truncated: it ended after " + recordCount + " complete records", truncated);
        }
    }

    private void readHeader() throws IOException {
        byte[] magic = new byte[SnapshotFormat.MAGIC.length];
        data.readFully(magic);
        if (!Arrays.equals(magic, SnapshotFormat.MAGIC)) {
            throw new SnapshotCorruptException("not a raftkv snapshot: the file does not start with RAFTKVSN");
        }
        int version = data.readInt();
        if (version != SnapshotFormat.FORMAT_VERSION) {
            throw new SnapshotCorruptException("unsupported snapshot format version " + version);
        }
    }

    private void readRecords(SnapshotFormat.RecordVisitor visitor) throws IOException {
        for (int tag = data.readUnsignedByte(); tag != SnapshotFormat.END_MARKER_TAG; tag = data.readUnsignedByte()) {
            Keyspace keyspace = SnapshotFormat.keyspaceOfTag(tag);
            Bytes key = readField("key");
            Bytes value = readField("value");
            checkOrder(keyspace, key);
            visitor.visit(keyspace, key, value);
            recordCounts.merge(keyspace, 1L, Long::sum);
            recordCount++;
            lastKeyspace = keyspace;
            lastKey = key;
        }
    }

    private Bytes readField(String name) throws IOException {
        int length = data.readInt();
        if (length < 0 || length > SnapshotFormat.FIELD_BYTES_MAX) {
            throw new SnapshotCorruptException(
                    "snapshot record " + recordCount + " has an impossible " + name + " length " + length);
        }
        byte[] field = new byte[length];
        data.readFully(field);
        return Bytes.wrap(field);
    }

    private void checkOrder(Keyspace keyspace, Bytes key) throws SnapshotCorruptException {
        boolean inOrder = lastKeyspace == null
                || keyspace.compareTo(lastKeyspace) > 0
                || (keyspace == lastKeyspace && key.compareTo(lastKey) > 0);
        if (!inOrder) {
            throw new SnapshotCorruptException("snapshot record " + recordCount + " (" + keyspace + " " + key
                    + ") is out of order after " + lastKeyspace + " " + lastKey);
        }
    }

    private SnapshotSummary readTrailer() throws IOException {
        long storedRecordCount = data.readLong();
        long computedChecksum = checksum.getValue();
        // The stored checksum is read past the checked stream: it covers everything before it, not itself.
        long storedChecksum = Integer.toUnsignedLong(new DataInputStream(buffered).readInt());
        if (buffered.read() != -1) {
            throw new SnapshotCorruptException("snapshot has bytes after its checksum");
        }
        SnapshotSummary summary = new SnapshotSummary(SnapshotFormat.FORMAT_VERSION, recordCounts, storedChecksum,
                computedChecksum);
        if (summary.checksumValid() && storedRecordCount != recordCount) {
            throw new SnapshotCorruptException("snapshot claims " + storedRecordCount + " records but holds "
                    + recordCount);
        }
        return summary;
    }
}
