package io.raftkv.memcached;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The decimal numbers of the protocol, parsed as strictly as memcached parses them: digits only (and a leading minus
 * for signed values), no spaces, no plus sign, and out-of-range values rejected rather than wrapped.
 */
final class Numbers {
    static final long UNSIGNED_32_MAX = 0xffff_ffffL;
    private static final long SIGNED_32_MIN = Integer.MIN_VALUE;
    private static final long SIGNED_32_MAX = Integer.MAX_VALUE;
    /** The most digits an unsigned 64-bit number has; longer input is rejected before any arithmetic. */
    private static final int UNSIGNED_64_DIGITS_MAX = 20;
    private static final int RADIX = 10;

    private Numbers() {
    }

    /** 0 to 2^32-1. */
    static OptionalLong unsigned32(byte[] digits) {
        OptionalLong value = unsigned64(digits);
        if (value.isEmpty() || Long.compareUnsigned(value.getAsLong(), UNSIGNED_32_MAX) > 0) {
            return OptionalLong.empty();
        }
        return value;
    }

    /** -2^31 to 2^31-1. */
    static OptionalLong signed32(byte[] text) {
        boolean negative = text.length > 0 && text[0] == '-';
        byte[] digits = negative ? Arrays.copyOfRange(text, 1, text.length) : text;
        OptionalLong magnitude = unsigned64(digits);
        if (magnitude.isEmpty() || magnitude.getAsLong() < 0) {
            return OptionalLong.empty();
        }
        long value = negative ? -magnitude.getAsLong() : magnitude.getAsLong();
        if (value < SIGNED_32_MIN || value > SIGNED_32_MAX) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(value);
    }

    /** 0 to 2^64-1, as a long's bits (values above Long.MAX_VALUE come back negative). */
    static OptionalLong unsigned64(byte[] digits) {
        if (digits.length == 0 || digits.length > UNSIGNED_64_DIGITS_MAX) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (byte character : digits) {
            int digit = character - '0';
            if (digit < 0 || digit >= RADIX) {
                return OptionalLong.empty();
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, RADIX)) > 0) {
                return OptionalLong.empty();
            }
            value = value * RADIX + digit;
        }
        return OptionalLong.of(value);
    }
}
