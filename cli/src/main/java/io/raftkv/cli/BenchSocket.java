package io.raftkv.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Function;

/**
 * One bench worker's blocking TCP connection, for the targets that speak a text protocol themselves (memcached, lean
 * HTTP). After a failure the target drops it, and the next operation opens a new one: what follows a failure on the
 * old connection cannot be trusted to be in step with the requests.
 *
 * @param <R> the protocol's reader of replies, made for each new connection
 */
final class BenchSocket<R> implements AutoCloseable {
    /** Big enough for a request with the largest value the bench writes in one or two system calls. */
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private final HostPort address;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Function<InputStream, R> readers;
    /** Null after a failure, until the next operation reconnects. */
    private Socket socket;
    private OutputStream out;
    private R reader;

    BenchSocket(HostPort address, Duration connectTimeout, Duration readTimeout, Function<InputStream, R> readers) {
        this.address = address;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.readers = readers;
    }

    /** Opens the connection unless it is open. */
    void connectIfClosed() throws IOException {
        if (socket != null) {
            return;
        }
        Socket opened = new Socket();
        try {
            opened.setTcpNoDelay(true);
            opened.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            opened.connect(new InetSocketAddress(address.host(), address.port()),
                    Math.toIntExact(connectTimeout.toMillis()));
            out = new BufferedOutputStream(opened.getOutputStream(), WRITE_BUFFER_BYTES);
            reader = readers.apply(opened.getInputStream());
        } catch (IOException failed) {
            opened.close();
            throw failed;
        }
        socket = opened;
    }

    /** The open connection's buffered output; call {@link #connectIfClosed} first. */
    OutputStream out() {
        return out;
    }

    /** The open connection's reader; call {@link #connectIfClosed} first. */
    R reader() {
        return reader;
    }

    /** Drops the connection; the next operation opens a new one. */
    void disconnect() {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // The connection is being abandoned after a failure that is already counted, or at the server's request;
            // a failure to close it leaves nothing to recover, and the descriptor is released either way.
        }
        socket = null;
        out = null;
        reader = null;
    }

    @Override
    public void close() {
        disconnect();
    }
}
