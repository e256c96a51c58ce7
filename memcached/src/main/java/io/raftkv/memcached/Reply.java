package io.raftkv.memcached;

import io.raftkv.core.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one request answers: byte segments written back to back (a VALUE line, the value's own array, \r\n, ...),
 * and whether the connection closes after them. A plain value; Netty buffers are made only when writing, and values
 * are never copied on the way.
 */
record Reply(List<byte[]> segments, boolean closeAfter) {
    private static final byte[] LINE_END = {'\r', '\n'};

    Reply {
        segments = List.copyOf(segments);
    }

    /** One line; {@code text} is ASCII (keys in it were added as bytes through a {@link Builder}). */
    static Reply line(String text) {
        return new Builder().line(text).build();
    }

    /** Nothing at all: a reply that noreply or q suppressed. */
    static Reply none() {
        return new Reply(List.of(), false);
    }

    /** Close the connection after the replies before this one, writing nothing. */
    static Reply closing() {
        return new Reply(List.of(), true);
    }

    static Reply closingWithLine(String text) {
        return new Reply(new Builder().line(text).build().segments(), true);
    }

    boolean isEmpty() {
        return segments.isEmpty();
    }

    int length() {
        return segments.stream().mapToInt(segment -> segment.length).sum();
    }

    /** The whole reply as text, one character per byte: for logs and tests. */
    String text() {
        StringBuilder text = new StringBuilder();
        segments.forEach(segment -> text.append(new String(segment, StandardCharsets.ISO_8859_1)));
        return text.toString();
    }

    /** Builds a reply from lines, raw bytes and data blocks. */
    static final class Builder {
        private final List<byte[]> segments = new ArrayList<>();

        Builder text(String text) {
            segments.add(text.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Builder bytes(byte[] bytes) {
            segments.add(bytes);
            return this;
        }

        Builder lineEnd() {
            segments.add(LINE_END);
            return this;
        }

        Builder line(String text) {
            return text(text).lineEnd();
        }

        /** A data block: the value's bytes, shared not copied, and its \r\n. */
        Builder data(Bytes value) {
            segments.add(value.unsafeArray());
            return lineEnd();
        }

        Builder append(Reply reply) {
            segments.addAll(reply.segments());
            return this;
        }

        Reply build() {
            return new Reply(segments, false);
        }
    }
}
