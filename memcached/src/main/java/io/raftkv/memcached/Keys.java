package io.raftkv.memcached;

import io.raftkv.core.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Key rules of the text protocol: length, no control characters, and the meta commands' base64 form. */
final class Keys {
    /** Space is the token separator, so only bytes below it and DEL are control characters inside a token. */
    private static final int FIRST_PRINTABLE = 0x21;
    private static final int DELETE_CHARACTER = 0x7f;

    private Keys() {
    }

    /** Whether a key as typed on a command line is acceptable: 1 to {@code keyBytesMax} bytes, no control bytes. */
    static boolean isValid(byte[] key, int keyBytesMax) {
        if (key.length == 0 || key.length > keyBytesMax) {
            return false;
        }
        for (byte character : key) {
            int unsigned = character & 0xff;
            if (unsigned < FIRST_PRINTABLE || unsigned == DELETE_CHARACTER) {
                return false;
            }
        }
        return true;
    }

    /** A meta command's base64 key (b flag); empty when it is not valid base64 or decodes to nothing. */
    static Optional<Bytes> decodeBase64(byte[] encoded) {
        try {
            byte[] decoded = Base64.getDecoder().decode(encoded);
            return decoded.length == 0 ? Optional.empty() : Optional.of(Bytes.wrap(decoded));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    static byte[] encodeBase64(Bytes key) {
        return Base64.getEncoder().encode(key.unsafeArray());
    }

    /** The key as it appears in replies: its own bytes, or base64 when the client sent it that way. */
    static byte[] forReply(MetaKey key) {
        return key.binary() ? encodeBase64(key.key()) : key.key().unsafeArray();
    }

    /** Bytes as text, one character per byte, for messages and test failures. */
    static String describe(Bytes key) {
        return new String(key.unsafeArray(), StandardCharsets.ISO_8859_1);
    }
}
