package io.raftkv.storage;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Writes one snapshot in the {@link SnapshotFormat}, one record at a time. Records must come in key space then key
 * order; the writer checks this, because a reader refuses a file out of order. It never closes the caller's stream.
 */
public final class SnapshotWriter {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final BufferedOutputStream buffered;
    private final CRC32C checksum = new CRC32C();
    private final DataOutputStream data;
    private Keyspace lastKeyspace;
    private Bytes lastKey;
    private long recordCount;
    private boolean finished;

    SnapshotWriter(OutputStream out) throws IOException {
        this.buffered = new BufferedOutputStream(out, BUFFER_BYTES);
        this.data = new DataOutputStream(new CheckedOutputStream(buffered, checksum));
        data.write(SnapshotFormat.MAGIC);
        data.writeInt(SnapshotFormat.FORMAT_VERSION);
    }

    public void write(Keyspace keyspace, Bytes key, Bytes value) throws IOException {
        Invariants.check(!finished, "snapshot writer already finished");
        checkOrder(keyspace, key);
        Invariants.check(key.length() <= SnapshotFormat.FIELD_BYTES_MAX, "snapshot key of %d bytes is too long",
                key.length());
        Invariants.check(value.length() <= SnapshotFormat.FIELD_BYTES_MAX, "snapshot value of %d bytes is too long",
                value.length());
        data.writeByte(keyspace.snapshotTag());
        data.writeInt(key.length());
        data.write(key.unsafeArray());
        data.writeInt(value.length());
        data.write(value.unsafeArray());
        lastKeyspace = keyspace;
        lastKey = key;
        recordCount++;
    }

    /** Writes the trailer and flushes; the snapshot is complete only after this returns. */
    public void finish() throws IOException {
        Invariants.check(!finished, "snapshot writer already finished");
        finished = true;
        data.writeByte(SnapshotFormat.END_MARKER_TAG);
        data.writeLong(recordCount);
        data.flush();
        // The checksum goes straight to the buffer: it covers everything before it, not itself.
        new DataOutputStream(buffered).writeInt((int) checksum.getValue());
        buffered.flush();
    }

    public long recordCount() {
        return recordCount;
    }

    private void checkOrder(Keyspace keyspace, Bytes key) {
        if (lastKeyspace == null || keyspace != lastKeyspace) {
            Invariants.check(lastKeyspace == null || keyspace.compareTo(lastKeyspace) > 0,
                    "snapshot key space %s written after %s", keyspace, lastKeyspace);
            return;
        }
        Invariants.check(key.compareTo(lastKey) > 0, "snapshot key %s in %s written after %s", key, keyspace,
                lastKey);
    }
}
