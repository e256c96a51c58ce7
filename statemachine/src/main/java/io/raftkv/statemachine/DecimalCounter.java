package io.raftkv.statemachine;

import io.raftkv.core.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * memcached's counters: a value holding an unsigned 64-bit decimal number. The number is 1 to 20 ASCII digits,
 * optionally followed by spaces (memcached pads a counter that shrank in place), and at most 2^64 - 1.
 */
final class DecimalCounter {
    /** 2^64 - 1 has 20 digits. */
    static final int DIGITS_MAX = 20;

    private DecimalCounter() {
    }

    /** The number, as a long's bits, or empty when the value is not such a number. */
    static Optional<Long> parse(Bytes value) {
        int digitCount = 0;
        while (digitCount < value.length() && isDigit(value.byteAt(digitCount))) {
            digitCount++;
        }
        if (digitCount == 0 || digitCount > DIGITS_MAX || !onlySpacesFrom(value, digitCount)) {
            return Optional.empty();
        }
        String digits = new String(value.unsafeArray(), 0, digitCount, StandardCharsets.US_ASCII);
        try {
            return Optional.of(Long.parseUnsignedLong(digits));
        } catch (NumberFormatException overflow) {
            // Twenty digits above 2^64 - 1: too large to be a counter.
            return Optional.empty();
        }
    }

    static Bytes format(long unsignedValue) {
        return Bytes.wrap(Long.toUnsignedString(unsignedValue).getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isDigit(byte character) {
        return character >= '0' && character <= '9';
    }

    private static boolean onlySpacesFrom(Bytes value, int start) {
        for (int index = start; index < value.length(); index++) {
            if (value.byteAt(index) != ' ') {
                return false;
            }
        }
        return true;
    }
}
