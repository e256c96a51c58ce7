package io.raftkv.cli;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One worker's blocking keep-alive HTTP/1.1 connection to one raftkv node: {@code PUT /v1/kv/{key}} and
 * {@code GET /v1/kv/{key}} written as bytes, one request at a time, as wrk would send them. After a broken response
 * or an I/O failure the connection is closed and the next operation opens a new one, since what follows cannot be
 * trusted to be in step with the requests; an error status leaves it open, its body having been read whole.
 */
final class LeanHttpBenchConnection implements BenchConnection {
    /** Big enough for a put of the largest value the bench writes in one or two system calls. */
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;
    private static final byte[] PUT = ascii("PUT /v1/kv/");
    private static final byte[] GET = ascii("GET /v1/kv/");
    private static final byte[] SERIALIZABLE = ascii("?consistency=serializable");
    private static final byte[] VERSION_AND_HOST = ascii(" HTTP/1.1\r\nHost: ");
    private static final byte[] CONTENT_LENGTH = ascii("\r\nContent-Length: ");
    private static final byte[] HEADERS_END = ascii("\r\n\r\n");
    private static final byte[] HEX_DIGITS = ascii("0123456789ABCDEF");

    private final HostPort address;
    private final byte[] host;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    /** Null after a failure, until the next operation reconnects. */
    private Socket socket;
    private OutputStream out;
    private LeanHttpBenchReader reader;

    private LeanHttpBenchConnection(HostPort address, Duration connectTimeout, Duration readTimeout) {
        this.address = address;
        this.host = ascii(address.address());
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Connects at once, so that an unreachable node is reported before the benchmark starts. */
    static LeanHttpBenchConnection open(HostPort address, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        LeanHttpBenchConnection connection = new LeanHttpBenchConnection(address, connectTimeout, readTimeout);
        connection.connect();
        return connection;
    }

    @Override
    public BenchReply write(Bytes key, Bytes value) {
        try {
            connectIfClosed();
            out.write(PUT);
            out.write(encodedPath(key));
            out.write(VERSION_AND_HOST);
            out.write(host);
            out.write(CONTENT_LENGTH);
            out.write(ascii(Integer.toString(value.length())));
            out.write(HEADERS_END);
            out.write(value.unsafeArray());
            out.flush();
            return settle("put", reader.readResponse());
        } catch (IOException failed) {
            return fail("put", failed);
        }
    }

    @Override
    public BenchReply read(Bytes key, ReadConsistency consistency) {
        try {
            connectIfClosed();
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
            return settle("get", reader.readResponse());
        } catch (IOException failed) {
            return fail("get", failed);
        }
    }

    /** An error status is a failure named by its status and the start of its body, which says which error it is. */
    private BenchReply settle(String method, LeanHttpBenchReader.Response response) {
        if (response.closeAfter()) {
            disconnect();
        }
        if (response.succeeded()) {
            return BenchReply.SUCCEEDED;
        }
        return new BenchReply.Failed(method + ": HTTP " + response.status() + " "
                + MemcachedBenchReader.quote(response.bodyPrefix()));
    }

    private BenchReply fail(String method, IOException failure) {
        disconnect();
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

    private void connectIfClosed() throws IOException {
        if (socket == null) {
            connect();
        }
    }

    private void connect() throws IOException {
        Socket opened = new Socket();
        try {
            opened.setTcpNoDelay(true);
            opened.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            opened.connect(new InetSocketAddress(address.host(), address.port()),
                    Math.toIntExact(connectTimeout.toMillis()));
            out = new BufferedOutputStream(opened.getOutputStream(), WRITE_BUFFER_BYTES);
            reader = new LeanHttpBenchReader(opened.getInputStream());
        } catch (IOException failed) {
            opened.close();
            throw failed;
        }
        socket = opened;
    }

    /** Drops the connection; the next operation opens a new one. */
    private void disconnect() {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // The connection is being abandoned after a failure that is already counted, or at the server's
            // request; a failure to close it leaves nothing to recover, and the descriptor is released either way.
        }
        socket = null;
        out = null;
        reader = null;
    }

    @Override
    public void close() {
        disconnect();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
