package io.raftkv.http;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Decodes RFC 3986 percent-encoding to bytes, so that any binary key can travel in a URL. Unlike HTML form decoding,
 * {@code +} stays a plus sign: keys are exact bytes and "a+b" must not silently become "a b".
 */
final class PercentDecoder {
    private static final int HIGHEST_SINGLE_BYTE_CHARACTER = 0xff;

    private PercentDecoder() {
    }

    /**
     * The decoded bytes, or empty when an escape is malformed. Characters other than escapes stand for themselves;
     * Netty hands raw (unescaped) non-ASCII request-line bytes over as characters 0x80..0xff, and those are taken
     * back as the bytes the client sent.
     */
    static Optional<byte[]> decode(String encoded) {
        var decoded = new ByteArrayOutputStream(encoded.length());
        int index = 0;
        while (index < encoded.length()) {
            char character = encoded.charAt(index);
            if (character == '%') {
                if (index + 2 >= encoded.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(encoded.charAt(index + 1), 16);
                int low = Character.digit(encoded.charAt(index + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                decoded.write(high * 16 + low);
                index += 3;
            } else if (character > HIGHEST_SINGLE_BYTE_CHARACTER) {
                return Optional.empty();
            } else {
                decoded.write(character);
                index += 1;
            }
        }
        return Optional.of(decoded.toByteArray());
    }
}
