package io.raftkv.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One raw memcached text-protocol connection, for tests that need many sockets or exact reply lines. */
final class TextConnection implements AutoCloseable {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** A write waits for a quorum's fsync; this bounds a reply that never comes. */
    static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final OutputStream output;
    private final BufferedReader input;

    private TextConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.output = socket.getOutputStream();
        this.input = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    static TextConnection open(String address) {
        String[] hostAndPort = address.split(":");
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])),
                    CONNECT_TIMEOUT_MILLIS);
            return new TextConnection(socket);
        } catch (IOException cannotConnect) {
            close(socket);
            throw new UncheckedIOException("cannot connect to memcached port " + address, cannotConnect);
        }
    }

    /** Sends {@code request} as it is (it carries its own line ends) and returns the first reply line. */
    String call(String request) throws IOException {
        output.write(request.getBytes(StandardCharsets.ISO_8859_1));
        output.flush();
        return readLine();
    }

    /** The next reply line without its line end; fails if the server closed the connection. */
    String readLine() throws IOException {
        String line = input.readLine();
        if (line == null) {
            throw new IOException("the server closed the connection");
        }
        return line;
    }

    @Override
    public void close() {
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException closeFailure) {
            throw new UncheckedIOException("cannot close a test connection", closeFailure);
        }
    }
}
