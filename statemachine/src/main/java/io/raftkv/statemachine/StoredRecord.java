package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.CacheMarks;
import io.raftkv.core.Invariants;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.codec.BinaryReader;
import io.raftkv.core.codec.BinaryWriter;
import io.raftkv.core.codec.CodecException;

import java.util.Arrays;

/**
 * A key's current value, metadata and cache marks as the DATA key space holds it:
 * {@code [format byte 2][metadata][mark bits byte][value]}. The value takes the rest of the record without a length,
 * so reading it needs no second copy of its size. Format 1, written before keys had marks, is
 * {@code [format byte 1][metadata][value]} and still decodes, with no marks, so that old data directories load.
 */
record StoredRecord(KeyMetadata metadata, Bytes value, CacheMarks marks) {
    /** The format this code writes. Bumped when the layout changes, so that a node can tell old records from new. */
    static final int FORMAT = 2;
    /** The format before cache marks: no mark byte. */
    static final int FORMAT_WITHOUT_MARKS = 1;
    /** The flags int and four longs that {@link BinaryWriter#writeMetadata} writes. */
    private static final int METADATA_BYTES = 4 + 4 * 8;
    private static final int MARKS_BYTES = 1;
    /** Everything in front of the value: the format byte, the metadata and the mark bits. */
    static final int HEADER_BYTES = 1 + METADATA_BYTES + MARKS_BYTES;

    /** A record without cache marks: what every ordinary write leaves. */
    StoredRecord(KeyMetadata metadata, Bytes value) {
        this(metadata, value, CacheMarks.NONE);
    }

    Bytes encode() {
        BinaryWriter writer = new BinaryWriter(HEADER_BYTES + value.length());
        writer.writeByte(FORMAT).writeMetadata(metadata).writeMarks(marks);
        byte[] header = writer.toByteArray();
        Invariants.check(header.length == HEADER_BYTES, "record header is %d bytes, expected %d",
                header.length, HEADER_BYTES);
        byte[] encoded = Arrays.copyOf(header, header.length + value.length());
        System.arraycopy(value.unsafeArray(), 0, encoded, header.length, value.length());
        return Bytes.wrap(encoded);
    }

    /** Throws {@link CodecException} for anything this code did not write: a corrupt store must stop the node. */
    static StoredRecord decode(Bytes encoded) {
        byte[] data = encoded.unsafeArray();
        BinaryReader reader = new BinaryReader(data);
        int format = readFormat(reader);
        KeyMetadata metadata = reader.readMetadata();
        CacheMarks marks = format == FORMAT ? reader.readMarks() : CacheMarks.NONE;
        int valueOffset = data.length - reader.remaining();
        return new StoredRecord(metadata, Bytes.wrap(Arrays.copyOfRange(data, valueOffset, data.length)), marks);
    }

    /** The metadata alone, without copying the value: for scans that judge many records and keep few. */
    static KeyMetadata decodeMetadata(Bytes encoded) {
        BinaryReader reader = new BinaryReader(encoded.unsafeArray());
        readFormat(reader);
        return reader.readMetadata();
    }

    private static int readFormat(BinaryReader reader) {
        int format = reader.readByte();
        if (format != FORMAT && format != FORMAT_WITHOUT_MARKS) {
            throw new CodecException("unknown stored record format " + format);
        }
        return format;
    }

    StoredRecord withMetadataAndMarks(KeyMetadata newMetadata, CacheMarks newMarks) {
        return new StoredRecord(newMetadata, value, newMarks);
    }
}
