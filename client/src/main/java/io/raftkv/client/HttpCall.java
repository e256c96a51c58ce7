package io.raftkv.client;

import java.util.OptionalLong;

/**
 * One API request, independent of the node it goes to, so that every attempt of an operation sends the same thing.
 *
 * @param pathAndQuery the encoded path and query, such as {@code /v1/kv/a%00?ttl=5}
 * @param sequence     for writes, the write's sequence number, the same on every attempt
 */
record HttpCall(String method, String pathAndQuery, byte[] body, OptionalLong sequence) {
    private static final byte[] NO_BODY = new byte[0];

    static HttpCall read(String pathAndQuery) {
        return new HttpCall("GET", pathAndQuery, NO_BODY, OptionalLong.empty());
    }

    /** A cluster operation that is safe to send again as it is, so it needs no write sequence. */
    static HttpCall command(String method, String pathAndQuery) {
        return new HttpCall(method, pathAndQuery, NO_BODY, OptionalLong.empty());
    }

    static HttpCall write(String method, String pathAndQuery, byte[] body, long sequence) {
        return new HttpCall(method, pathAndQuery, body, OptionalLong.of(sequence));
    }
}
