package io.raftkv.core.codec;

import io.raftkv.core.Bytes;
import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Big-endian primitives, length-prefixed byte strings. The writing half of {@link BinaryReader}. */
public final class BinaryWriter {
    private final ByteArrayOutputStream out;

    public BinaryWriter(int sizeHintBytes) {
        this.out = new ByteArrayOutputStream(Math.max(16, sizeHintBytes));
    }

    public BinaryWriter writeByte(int value) {
        out.write(value);
        return this;
    }

    public BinaryWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    public BinaryWriter writeInt(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public BinaryWriter writeLong(long value) {
        writeInt((int) (value >>> 32));
        return writeInt((int) value);
    }

    public BinaryWriter writeBytes(Bytes value) {
        writeInt(value.length());
        out.writeBytes(value.unsafeArray());
        return this;
    }

    public BinaryWriter writeString(String value) {
        return writeBytes(Bytes.wrap(value.getBytes(StandardCharsets.UTF_8)));
    }

    public BinaryWriter writeMetadata(KeyMetadata metadata) {
        writeInt(metadata.flags());
        writeLong(metadata.version());
        writeLong(metadata.createRevision());
        writeLong(metadata.modRevision());
        return writeLong(metadata.expiresAtMillis());
    }

    /** One byte of mark bits, as {@link BinaryReader#readMarks} reads them. */
    public BinaryWriter writeMarks(CacheMarks marks) {
        int staleBit = marks.stale() ? MarkBits.STALE : 0;
        return writeByte(staleBit | (marks.recacheClaimed() ? MarkBits.RECACHE_CLAIMED : 0));
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
