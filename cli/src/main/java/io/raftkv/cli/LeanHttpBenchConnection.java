package io.raftkv.cli;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One worker's blocking keep-alive HTTP/1.1 connection to one raftkv node: {@code PUT /v1/kv/{key}} and
 * {@code GET /v1/kv/{key}} written as bytes, one request at a time, as wrk would send them. After a broken response
 * or an I/O failure the connection is closed and the next operation opens a new one, since what follows cannot be
 * trusted to be in step with the requests; an error status leaves it open, its body having been read whole.
 */
final class LeanHttpBenchConnection implements BenchConnection {
    private static final byte[] PUT = ascii("PUT /v1/kv/");
    private static final byte[] GET = ascii("GET /v1/kv/");
    private static final byte[] SERIALIZABLE = ascii("?consistency=serializable");
    private static final byte[] VERSION_AND_HOST = ascii(" HTTP/1.1\r\nHost: ");
    private static final byte[] CONTENT_LENGTH = ascii("\r\nContent-Length: ");
    private static final byte[] HEADERS_END = ascii("\r\n\r\n");
    private static final byte[] HEX_DIGITS = ascii("0123456789ABCDEF");

    private final byte[] host;
    private final BenchSocket<LeanHttpBenchReader> socket;

    private LeanHttpBenchConnection(HostPort address, Duration connectTimeout, Duration readTimeout) {
        this.host = ascii(address.address());
        this.socket = new BenchSocket<>(address, connectTimeout, readTimeout, LeanHttpBenchReader::new);
    }

    /** Connects at once, so that an unreachable node is reported before the benchmark starts. */
    static LeanHttpBenchConnection open(HostPort address, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        LeanHttpBenchConnection connection = new LeanHttpBenchConnection(address, connectTimeout, readTimeout);
        connection.socket.connectIfClosed();
        return connection;
    }

    @Override
    public BenchReply write(Bytes key, Bytes value) {
        try {
            socket.connectIfClosed();
            OutputStream out = socket.out();
            out.write(PUT);
            out.write(encodedPath(key));
            out.write(VERSION_AND_HOST);
            out.write(host);
            out.write(CONTENT_LENGTH);
            out.write(ascii(Integer.toString(value.length())));
            out.write(HEADERS_END);
            out.write(value.unsafeArray());
            out.flush();
            return settle("put", socket.reader().readResponse());
        } catch (IOException failed) {
            return fail("put", failed);
        }
    }

    @Override
    public BenchReply read(Bytes key, ReadConsistency consistency) {
        try {
            socket.connectIfClosed();
            OutputStream out = socket.out();
            out.write(GET);
            out.write(encodedPath(key));
            switch (consistency) {
                case LINEARIZABLE -> {
                }
                case SERIALIZABLE -> out.write(SERIALIZABLE);
            }
            out.write(VERSION_AND_HOST);
            out.write(host);
            out.write(HEADERS_END);
            out.flush();
            return settle("get", socket.reader().readResponse());
        } catch (IOException failed) {
            return fail("get", failed);
        }
    }

    /** An error status is a failure named by its status and the start of its body, which says which error it is. */
    private BenchReply settle(String method, LeanHttpBenchReader.Response response) {
        if (response.closeAfter()) {
            socket.disconnect();
        }
        if (response.succeeded()) {
            return BenchReply.SUCCEEDED;
        }
        return new BenchReply.Failed(method + ": HTTP " + response.status() + " "
                + MemcachedBenchReader.quote(response.bodyPrefix()));
    }

    private BenchReply fail(String method, IOException failure) {
        socket.disconnect();
        String reason = failure instanceof LeanHttpBenchProtocolException
                ? failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return new BenchReply.Failed(method + ": " + reason);
    }

    /**
     * The key as a path after {@code /v1/kv/}: unreserved bytes and {@code /} as they are, every other byte
     * percent-encoded, so any key reaches the server as the same bytes.
     */
    static byte[] encodedPath(Bytes key) {
        byte[] raw = key.unsafeArray();
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(raw.length + 8);
        for (byte value : raw) {
            int unsigned = value & 0xff;
            if (isUnreserved(unsigned)) {
                encoded.write(unsigned);
            } else {
                encoded.write('%');
                encoded.write(HEX_DIGITS[unsigned >>> 4]);
                encoded.write(HEX_DIGITS[unsigned & 0xf]);
            }
        }
        return encoded.toByteArray();
    }

    private static boolean isUnreserved(int character) {
        return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
                || (character >= '0' && character <= '9') || character == '-' || character == '.'
                || character == '_' || character == '~' || character == '/';
    }

    @Override
    public void close() {
        socket.disconnect();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
