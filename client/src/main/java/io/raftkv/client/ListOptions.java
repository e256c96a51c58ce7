package io.raftkv.client;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;

import java.util.Optional;

/**
 * Which keys a listing returns: those starting with {@code prefix}, or those in [start, end) in unsigned byte order.
 * A prefix and a start/end range exclude each other, because the server takes one or the other.
 *
 * @param limit the most keys to return, 1 to {@link #LIMIT_MAX}
 */
public record ListOptions(Optional<Bytes> prefix, Optional<Bytes> start, Optional<Bytes> end, int limit,
                          boolean keysOnly, boolean countOnly, ReadConsistency consistency) {
    /** The server's default page size. */
    public static final int LIMIT_DEFAULT = 1000;
    /** The server refuses larger pages. */
    public static final int LIMIT_MAX = 10_000;

    public ListOptions {
        if (prefix.isPresent() && (start.isPresent() || end.isPresent())) {
            throw new IllegalArgumentException("a listing takes a prefix or a start/end range, not both");
        }
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be 1 to " + LIMIT_MAX + ", was " + limit);
        }
    }

    public static ListOptions all() {
        return new ListOptions(Optional.empty(), Optional.empty(), Optional.empty(), LIMIT_DEFAULT, false, false,
                ReadConsistency.LINEARIZABLE);
    }

    public static ListOptions prefix(Bytes prefix) {
        return all().withPrefix(prefix);
    }

    public static ListOptions prefix(String prefix) {
        return prefix(Bytes.utf8(prefix));
    }

    /** Keys in [start, end); an empty optional leaves that side open. */
    public static ListOptions range(Optional<Bytes> start, Optional<Bytes> end) {
        return new ListOptions(Optional.empty(), start, end, LIMIT_DEFAULT, false, false,
                ReadConsistency.LINEARIZABLE);
    }

    public static ListOptions range(Bytes start, Bytes end) {
        return range(Optional.of(start), Optional.of(end));
    }

    public ListOptions withPrefix(Bytes newPrefix) {
        return new ListOptions(Optional.of(newPrefix), start, end, limit, keysOnly, countOnly, consistency);
    }

    public ListOptions withLimit(int newLimit) {
        return new ListOptions(prefix, start, end, newLimit, keysOnly, countOnly, consistency);
    }

    public ListOptions withKeysOnly(boolean newKeysOnly) {
        return new ListOptions(prefix, start, end, limit, newKeysOnly, countOnly, consistency);
    }

    public ListOptions withCountOnly(boolean newCountOnly) {
        return new ListOptions(prefix, start, end, limit, keysOnly, newCountOnly, consistency);
    }

    public ListOptions withConsistency(ReadConsistency newConsistency) {
        return new ListOptions(prefix, start, end, limit, keysOnly, countOnly, newConsistency);
    }
}
