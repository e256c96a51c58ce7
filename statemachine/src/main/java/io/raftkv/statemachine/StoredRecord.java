package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.codec.BinaryReader;
import io.raftkv.core.codec.BinaryWriter;
import io.raftkv.core.codec.CodecException;

import java.util.Arrays;

/**
 * A key's current value and metadata as the DATA key space holds it: {@code [format byte][metadata][value]}. The value
 * takes the rest of the record without a length, so reading it needs no second copy of its size.
 */
record StoredRecord(KeyMetadata metadata, Bytes value) {
    /** Bumped if the layout ever changes, so that a node can tell old records from new ones. */
    static final int FORMAT = 1;
    /** The flags int and four longs that {@link BinaryWriter#writeMetadata} writes. */
    private static final int METADATA_BYTES = 4 + 4 * 8;
    /** Everything in front of the value: the format byte and the metadata. */
    static final int HEADER_BYTES = 1 + METADATA_BYTES;

    Bytes encode() {
        BinaryWriter writer = new BinaryWriter(HEADER_BYTES + value.length());
        writer.writeByte(FORMAT).writeMetadata(metadata);
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
        int format = reader.readByte();
        if (format != FORMAT) {
            throw new CodecException("unknown stored record format " + format);
        }
        KeyMetadata metadata = reader.readMetadata();
        int valueOffset = data.length - reader.remaining();
        return new StoredRecord(metadata, Bytes.wrap(Arrays.copyOfRange(data, valueOffset, data.length)));
    }

    boolean isExpiredAt(long clusterTimeMillis) {
        return metadata.isExpiredAt(clusterTimeMillis);
    }
}
