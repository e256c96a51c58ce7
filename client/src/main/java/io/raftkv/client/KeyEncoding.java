package io.raftkv.client;

import io.raftkv.core.Bytes;

/**
 * Percent-encodes byte strings for URLs (RFC 3986), so binary keys and values reach the server byte for byte. The
 * server decodes to bytes, never to text, so any byte may be sent.
 */
final class KeyEncoding {
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private KeyEncoding() {
    }

    /** For the key in {@code /v1/kv/{key}}: a slash stays a slash, so {@code a/b} reads naturally in logs. */
    static String pathSegment(Bytes key) {
        return encode(key, true);
    }

    /** For query parameter values, where a slash has no special meaning but is encoded to stay unambiguous. */
    static String queryValue(Bytes value) {
        return encode(value, false);
    }

    private static String encode(Bytes bytes, boolean keepSlash) {
        StringBuilder encoded = new StringBuilder(bytes.length() * 3);
        for (byte value : bytes.unsafeArray()) {
            int unsigned = value & 0xff;
            if (isUnreserved(unsigned) || (keepSlash && unsigned == '/')) {
                encoded.append((char) unsigned);
            } else {
                encoded.append('%').append(HEX_DIGITS[unsigned >> 4]).append(HEX_DIGITS[unsigned & 0xf]);
            }
        }
        return encoded.toString();
    }

    private static boolean isUnreserved(int character) {
        return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
                || (character >= '0' && character <= '9')
                || character == '-' || character == '.' || character == '_' || character == '~';
    }
}
