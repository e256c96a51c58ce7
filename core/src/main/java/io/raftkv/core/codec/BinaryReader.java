package io.raftkv.core.codec;

import io.raftkv.core.Bytes;
import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link BinaryWriter} wrote. Every length is checked against what is left, so a corrupt or hostile input
 * fails with a {@link CodecException} instead of allocating a huge array.
 */
public final class BinaryReader {
    private final byte[] data;
    private int position;

    public BinaryReader(byte[] data) {
        this(data, 0);
    }

    public BinaryReader(byte[] data, int offset) {
        this.data = data;
        this.position = offset;
    }

    public int readByte() {
        require(1);
        return data[position++] & 0xff;
    }

    public boolean readBoolean() {
        int value = readByte();
        if (value > 1) {
            throw new CodecException("boolean byte must be 0 or 1, was " + value);
        }
        return value == 1;
    }

    public int readInt() {
        require(4);
        int value = ((data[position] & 0xff) << 24) | ((data[position + 1] & 0xff) << 16)
                | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
        position += 4;
        return value;
    }

    public long readLong() {
        long high = readInt() & 0xffffffffL;
        long low = readInt() & 0xffffffffL;
        return (high << 32) | low;
    }

    public Bytes readBytes() {
        int length = readInt();
        if (length < 0) {
            throw new CodecException("negative length " + length);
        }
        require(length);
        Bytes value = Bytes.wrap(Arrays.copyOfRange(data, position, position + length));
        position += length;
        return value;
    }

    public String readString() {
        return new String(readBytes().unsafeArray(), StandardCharsets.UTF_8);
    }

    public KeyMetadata readMetadata() {
        int flags = readInt();
        long version = readLong();
        long createRevision = readLong();
        long modRevision = readLong();
        long expiresAtMillis = readLong();
        try {
            return new KeyMetadata(flags, version, createRevision, modRevision, expiresAtMillis);
        } catch (IllegalStateException invalid) {
            throw new CodecException("invalid metadata: " + invalid.getMessage());
        }
    }

    /** One byte of mark bits; a bit that no mark uses means the input is not what we think it is. */
    public CacheMarks readMarks() {
        int bits = readByte();
        if ((bits & ~MarkBits.ALL) != 0) {
            throw new CodecException("unknown cache mark bits " + Integer.toBinaryString(bits));
        }
        return new CacheMarks((bits & MarkBits.STALE) != 0, (bits & MarkBits.RECACHE_CLAIMED) != 0);
    }

    /** A count that is about to size a collection: it may not exceed what the remaining bytes could hold. */
    public int readCount(int bytesPerElementMin) {
        int count = readInt();
        if (count < 0 || (long) count * bytesPerElementMin > remaining()) {
            throw new CodecException("count " + count + " does not fit in " + remaining() + " remaining bytes");
        }
        return count;
    }

    public int remaining() {
        return data.length - position;
    }

    /** Decoders call this last: trailing bytes mean the input is not what we think it is. */
    public void expectEnd() {
        if (remaining() != 0) {
            throw new CodecException(remaining() + " unexpected trailing bytes");
        }
    }

    private void require(int length) {
        if (length > remaining()) {
            throw new CodecException("needs " + length + " bytes, " + remaining() + " left");
        }
    }
}
