package io.raftkv.cli;

import io.raftkv.core.Limits;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads memcached's replies to {@code set} and {@code get} strictly: every line must end in {@code \r\n} within
 * {@link #REPLY_LINE_BYTES_MAX}, and a data block must be exactly as long as its {@code VALUE} line says. Values are
 * skipped, never copied: the benchmark only needs to know that they arrived whole.
 */
final class MemcachedBenchReader {
    /**
     * The longest reply line accepted, without its {@code \r\n}. The longest legal one is a {@code VALUE} line with a
     * 250-byte key, under 300 bytes; error lines are short. Anything longer is a broken server, not a reply.
     */
    static final int REPLY_LINE_BYTES_MAX = 2048;
    /** The bench never writes a longer value, so a longer data block cannot be one of its own. */
    static final int DATA_BYTES_MAX = Limits.VALUE_BYTES_MAX_DEFAULT;
    /** memcached's flags are an unsigned 32-bit number. */
    static final long FLAGS_MAX = 0xFFFF_FFFFL;
    /** Enough for many replies per read system call, and more than one line, so any line fits once compacted. */
    private static final int BUFFER_BYTES = 64 * 1024;
    /** Error texts in failure messages are cut to this length, so that they stay one readable line. */
    private static final int QUOTED_CHARACTERS_MAX = 120;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;

    MemcachedBenchReader(InputStream in) {
        this.in = in;
    }

    /** The reply to {@code set}: {@code STORED} or an error reply. */
    MemcachedBenchReply readStoreReply() throws IOException {
        String line = readLine();
        if (line.equals("STORED")) {
            return new MemcachedBenchReply.Stored();
        }
        return errorReply("set", line);
    }

    /** The reply to {@code get key}: a hit with the value's length, a miss, or an error reply. */
    MemcachedBenchReply readRetrievalReply(String key) throws IOException {
        String line = readLine();
        if (line.equals("END")) {
            return new MemcachedBenchReply.Miss();
        }
        if (!line.startsWith("VALUE ")) {
            return errorReply("get", line);
        }
        int dataBytes = dataBytesOf(line, key);
        skip(dataBytes);
        if (!readLine().isEmpty()) {
            throw new MemcachedBenchProtocolException("the " + dataBytes + "-byte data block of a get reply is not "
                    + "followed by \\r\\n: it is longer than announced");
        }
        String end = readLine();
        if (!end.equals("END")) {
            throw new MemcachedBenchProtocolException("expected END after the value of a get reply, got '"
                    + quote(end) + "'");
        }
        return new MemcachedBenchReply.Hit(dataBytes);
    }

    private static MemcachedBenchReply errorReply(String command, String line)
            throws MemcachedBenchProtocolException {
        if (line.equals("ERROR") || line.startsWith("CLIENT_ERROR ") || line.startsWith("SERVER_ERROR ")) {
            return new MemcachedBenchReply.ErrorReply(quote(line));
        }
        throw new MemcachedBenchProtocolException("unexpected reply to " + command + ": '" + quote(line) + "'");
    }

    /** Checks {@code VALUE <key> <flags> <bytes>} and returns the announced length. */
    private static int dataBytesOf(String line, String key) throws MemcachedBenchProtocolException {
        String[] fields = line.split(" ", -1);
        if (fields.length != 4) {
            throw new MemcachedBenchProtocolException("a VALUE line needs 4 fields, got '" + quote(line) + "'");
        }
        if (!fields[1].equals(key)) {
            throw new MemcachedBenchProtocolException("the VALUE line names another key than the one asked for");
        }
        unsigned("flags", fields[2], FLAGS_MAX);
        return (int) unsigned("length", fields[3], DATA_BYTES_MAX);
    }

    private static long unsigned(String field, String text, long maximum) throws MemcachedBenchProtocolException {
        boolean digitsOnly = !text.isEmpty() && text.length() <= Long.toString(maximum).length()
                && text.chars().allMatch(character -> character >= '0' && character <= '9');
        if (!digitsOnly || Long.parseLong(text) > maximum) {
            throw new MemcachedBenchProtocolException("bad " + field + " '" + quote(text) + "' in a VALUE line "
                    + "(0 to " + maximum + ")");
        }
        return Long.parseLong(text);
    }

    /** The next line without its {@code \r\n}, decoded byte for character so that any key compares exactly. */
    private String readLine() throws IOException {
        int scanned = 0;
        while (true) {
            for (; position + scanned < limit; scanned++) {
                if (buffer[position + scanned] == '\n') {
                    return takeLine(scanned);
                }
                // The line and its '\r' may take REPLY_LINE_BYTES_MAX + 1 bytes before the '\n'.
                if (scanned > REPLY_LINE_BYTES_MAX) {
                    throw new MemcachedBenchProtocolException("a reply line is longer than " + REPLY_LINE_BYTES_MAX
                            + " bytes");
                }
            }
            fill();
        }
    }

    private String takeLine(int newlineOffset) throws MemcachedBenchProtocolException {
        if (newlineOffset == 0 || buffer[position + newlineOffset - 1] != '\r') {
            throw new MemcachedBenchProtocolException("a reply line ends in \\n without \\r");
        }
        String line = new String(buffer, position, newlineOffset - 1, StandardCharsets.ISO_8859_1);
        position += newlineOffset + 1;
        return line;
    }

    private void skip(int bytes) throws IOException {
        int remaining = bytes;
        while (remaining > 0) {
            if (position == limit) {
                fill();
            }
            int taken = Math.min(remaining, limit - position);
            position += taken;
            remaining -= taken;
        }
    }

    /** Moves what is unread to the front and reads more after it. */
    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            throw new EOFException("the server closed the connection");
        }
        limit += read;
    }

    /** The text with bytes outside printable ASCII shown as \xNN, cut to a readable length. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder();
        int index = 0;
        for (; index < text.length() && quoted.length() < QUOTED_CHARACTERS_MAX; index++) {
            char character = text.charAt(index);
            if (character >= ' ' && character <= '~') {
                quoted.append(character);
            } else {
                quoted.append(String.format("\\x%02x", (int) character));
            }
        }
        return index < text.length() ? quoted + "..." : quoted.toString();
    }
}
