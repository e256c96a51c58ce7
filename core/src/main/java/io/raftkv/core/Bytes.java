package io.raftkv.core;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.nio.ByteBuffer;

/**
 * An immutable byte string: keys, values and client ids. Ordered as unsigned bytes, the order RocksDB uses, so a range
 * over {@code Bytes} and a range over storage agree.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Copies the array, so later changes to it do not reach this value. */
    public static Bytes copyOf(byte[] data) {
        return new Bytes(data.clone());
    }

    /** Takes the array without a copy; the caller promises never to change it again. */
    public static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    public static Bytes utf8(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public int length() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    public byte byteAt(int index) {
        return data[index];
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** The bytes themselves, for encoders that only read them. Never change the returned array. */
    public byte[] unsafeArray() {
        return data;
    }

    public Bytes concat(Bytes other) {
        byte[] joined = Arrays.copyOf(data, data.length + other.data.length);
        System.arraycopy(other.data, 0, joined, data.length, other.data.length);
        return new Bytes(joined);
    }

    public boolean startsWith(Bytes prefix) {
        return data.length >= prefix.data.length
                && Arrays.equals(data, 0, prefix.data.length, prefix.data, 0, prefix.data.length);
    }

    /**
     * The smallest byte string greater than every string that starts with this one, or empty when there is none
     * (the prefix is all 0xff bytes), which callers read as "no upper bound".
     */
    public Optional<Bytes> prefixEnd() {
        for (int index = data.length - 1; index >= 0; index--) {
            if (data[index] != (byte) 0xff) {
                byte[] end = Arrays.copyOf(data, index + 1);
                end[index]++;
                return Optional.of(new Bytes(end));
            }
        }
        return Optional.empty();
    }

    /** The text, when the bytes are valid UTF-8. */
    public Optional<String> asUtf8() {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(data, other.data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes bytes && Arrays.equals(data, bytes.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** Text when printable UTF-8, hex otherwise: for logs and test failures. */
    @Override
    public String toString() {
        return asUtf8().filter(text -> text.chars().noneMatch(Character::isISOControl))
                .map(text -> "\"" + text + "\"")
                .orElseGet(() -> "0x" + HexFormat.of().formatHex(data));
    }
}
