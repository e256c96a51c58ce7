package io.raftkv.client;

import java.util.OptionalLong;

/**
 * One API request, independent of the node it goes to, so that every attempt of an operation sends the same thing.
 *
 * @param pathAndQuery the encoded path and query, such as {@code /v1/kv/a%00?ttl=5}
 * @param sequence     for writes, the write's sequence number, the same on every attempt
 * @param patient      one attempt may take the whole operation timeout: a membership change, which may wait for a
 *                     new member to catch up, and which cannot be resent blindly once it may have been applied
 */
record HttpCall(String method, String pathAndQuery, byte[] body, OptionalLong sequence, boolean patient) {
    private static final byte[] NO_BODY = new byte[0];

    HttpCall(String method, String pathAndQuery, byte[] body, OptionalLong sequence) {
        this(method, pathAndQuery, body, sequence, false);
    }

    static HttpCall read(String pathAndQuery) {
        return new HttpCall("GET", pathAndQuery, NO_BODY, OptionalLong.empty());
    }

    /** A cluster operation that is safe to send again as it is, so it needs no write sequence. */
    static HttpCall command(String method, String pathAndQuery) {
        return new HttpCall(method, pathAndQuery, NO_BODY, OptionalLong.empty());
    }

    /**
     * A membership change: sent again only after an answer that says it was not applied (503), never after a
     * timeout, since a second removal or addition would be refused as if the first had not happened.
     */
    static HttpCall membershipChange(String method, String pathAndQuery, byte[] body) {
        return new HttpCall(method, pathAndQuery, body, OptionalLong.empty(), true);
    }

    static HttpCall write(String method, String pathAndQuery, byte[] body, long sequence) {
        return new HttpCall(method, pathAndQuery, body, OptionalLong.of(sequence));
    }
}
