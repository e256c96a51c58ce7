package io.raftkv.cli;

import io.raftkv.core.Limits;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses to the bench's puts and gets, just enough to know how each ended and where the next one
 * starts: the status line, the headers up to the blank line, and a body of exactly {@code Content-Length} bytes.
 * raftkv's key routes always send a length; only the snapshot download is chunked, so a chunked reply here is
 * refused as a protocol error rather than parsed. Bodies of successes are skipped, never copied.
 */
final class LeanHttpBenchReader {
    /** The longest status or header line accepted, without its line end; raftkv's are well under 200 bytes. */
    static final int LINE_BYTES_MAX = 8 * 1024;
    static final int HEADERS_MAX = 100;
    /** A get returns at most one value; anything longer is not a reply to the bench's own requests. */
    static final long BODY_BYTES_MAX = Limits.VALUE_BYTES_MAX_DEFAULT + 64 * 1024;
    /** Error bodies are kept up to this length for the failure message, so it stays one readable line. */
    static final int QUOTED_BODY_BYTES_MAX = 120;
    /** Enough for many responses per read system call, and more than one line, so any line fits once compacted. */
    private static final int BUFFER_BYTES = 64 * 1024;

    /** How one response ended: its status, a prefix of its body when it failed, and whether the server closes. */
    record Response(int status, String bodyPrefix, boolean closeAfter) {
        boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;

    LeanHttpBenchReader(InputStream in) {
        this.in = in;
    }

    Response readResponse() throws IOException {
        int status = statusOf(readLine());
        long contentLength = -1;
        boolean closeAfter = false;
        for (int headers = 0; ; headers++) {
            String line = readLine();
            if (line.isEmpty()) {
                break;
            }
            if (headers == HEADERS_MAX) {
                throw new LeanHttpBenchProtocolException("more than " + HEADERS_MAX + " response headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new LeanHttpBenchProtocolException("a header line without a name and colon: '"
                        + MemcachedBenchReader.quote(line) + "'");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> contentLength = contentLengthOf(value);
                case "transfer-encoding" -> throw new LeanHttpBenchProtocolException("a reply with Transfer-Encoding "
                        + value + ": raftkv's key routes always send Content-Length");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        if (contentLength < 0) {
            throw new LeanHttpBenchProtocolException("a " + status + " reply without Content-Length");
        }
        boolean succeeded = status >= 200 && status < 300;
        String bodyPrefix = succeeded ? "" : readPrefix((int) Math.min(contentLength, QUOTED_BODY_BYTES_MAX));
        skip(contentLength - bodyPrefix.length());
        return new Response(status, bodyPrefix, closeAfter);
    }

    /** {@code HTTP/1.1 200 OK}: the status code, checked to be three digits. */
    private static int statusOf(String line) throws LeanHttpBenchProtocolException {
        String[] fields = line.split(" ", 3);
        boolean wellFormed = fields.length >= 2 && fields[0].startsWith("HTTP/1.") && fields[1].length() == 3
                && fields[1].chars().allMatch(character -> character >= '0' && character <= '9');
        if (!wellFormed) {
            throw new LeanHttpBenchProtocolException("not an HTTP/1.x status line: '"
                    + MemcachedBenchReader.quote(line) + "'");
        }
        return Integer.parseInt(fields[1]);
    }

    private static long contentLengthOf(String text) throws LeanHttpBenchProtocolException {
        boolean digitsOnly = !text.isEmpty() && text.length() <= 10
                && text.chars().allMatch(character -> character >= '0' && character <= '9');
        if (!digitsOnly || Long.parseLong(text) > BODY_BYTES_MAX) {
            throw new LeanHttpBenchProtocolException("bad Content-Length '" + MemcachedBenchReader.quote(text)
                    + "' (0 to " + BODY_BYTES_MAX + ")");
        }
        return Long.parseLong(text);
    }

    /** The next line without its {@code \r\n}, one character per byte. */
    private String readLine() throws IOException {
        int scanned = 0;
        while (true) {
            for (; position + scanned < limit; scanned++) {
                if (buffer[position + scanned] == '\n') {
                    return takeLine(scanned);
                }
                // The line and its '\r' may take LINE_BYTES_MAX + 1 bytes before the '\n'.
                if (scanned > LINE_BYTES_MAX) {
                    throw new LeanHttpBenchProtocolException("a response line is longer than " + LINE_BYTES_MAX
                            + " bytes");
                }
            }
            fill();
        }
    }

    private String takeLine(int newlineOffset) throws LeanHttpBenchProtocolException {
        if (newlineOffset == 0 || buffer[position + newlineOffset - 1] != '\r') {
            throw new LeanHttpBenchProtocolException("a response line ends in \\n without \\r");
        }
        String line = new String(buffer, position, newlineOffset - 1, StandardCharsets.ISO_8859_1);
        position += newlineOffset + 1;
        return line;
    }

    /** The next {@code bytes} bytes as text, one character per byte; {@code bytes} fits in the buffer. */
    private String readPrefix(int bytes) throws IOException {
        while (limit - position < bytes) {
            fill();
        }
        String prefix = new String(buffer, position, bytes, StandardCharsets.ISO_8859_1);
        position += bytes;
        return prefix;
    }

    private void skip(long bytes) throws IOException {
        long remaining = bytes;
        while (remaining > 0) {
            if (position == limit) {
                fill();
            }
            int taken = (int) Math.min(remaining, limit - position);
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
}
