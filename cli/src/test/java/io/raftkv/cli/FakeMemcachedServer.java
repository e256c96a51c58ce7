package io.raftkv.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in memcached on 127.0.0.1 with a free port: it reads {@code set} and {@code get} requests and answers each
 * with what the test's {@link Responder} says, so a test can script any reply, broken ones included.
 */
final class FakeMemcachedServer implements AutoCloseable {
    /** What the server sends back for one request. */
    @FunctionalInterface
    interface Responder {
        /**
         * @param line the request line without {@code \r\n}
         * @param data a set's data block, empty for other requests
         * @return the reply bytes as ISO-8859-1 text ({@code ""} sends nothing), or null to close the connection
         */
        String reply(String line, byte[] data);
    }

    private final Responder responder;
    private final ServerSocket serverSocket;
    private final AtomicInteger connectionsAccepted = new AtomicInteger();
    /** Each request line, prefixed with the number of the connection it came on: "#1 get bench/00000001". */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<byte[]> setData = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    FakeMemcachedServer(Responder responder) throws IOException {
        this.responder = responder;
        this.serverSocket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("fake-memcached-acceptor").start(this::accept);
    }

    /** A server that stores what is set and answers gets as memcached does. */
    static FakeMemcachedServer storing() throws IOException {
        Map<String, byte[]> values = new ConcurrentHashMap<>();
        return new FakeMemcachedServer((line, data) -> {
            String[] fields = line.split(" ");
            if (fields[0].equals("set")) {
                values.put(fields[1], data);
                return "STORED\r\n";
            }
            byte[] value = values.get(fields[1]);
            return value == null ? "END\r\n" : "VALUE " + fields[1] + " 0 " + value.length + "\r\n"
                    + new String(value, StandardCharsets.ISO_8859_1) + "\r\nEND\r\n";
        });
    }

    String address() {
        return "127.0.0.1:" + serverSocket.getLocalPort();
    }

    HostPort hostPort() {
        return new HostPort("127.0.0.1", serverSocket.getLocalPort());
    }

    List<String> requests() {
        return requests;
    }

    List<byte[]> setData() {
        return setData;
    }

    private void accept() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                sockets.add(socket);
                int connection = connectionsAccepted.incrementAndGet();
                Thread.ofPlatform().daemon().name("fake-memcached-" + connection)
                        .start(() -> serve(socket, connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (String line = readLine(in); line != null; line = readLine(in)) {
                byte[] value = line.startsWith("set ") ? readData(in, Integer.parseInt(line.split(" ")[4]))
                        : new byte[0];
                requests.add("#" + connection + " " + line);
                if (line.startsWith("set ")) {
                    setData.add(value);
                }
                String reply = responder.reply(line, value);
                if (reply == null) {
                    return;
                }
                out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException disconnected) {
            // The client went away, which the tests do on purpose: the connection's thread simply ends.
        }
    }

    /** A set's data block without the \r\n after it. */
    private static byte[] readData(InputStream in, int length) throws IOException {
        byte[] data = in.readNBytes(length);
        in.readNBytes(2);
        return data;
    }

    /** A request line without its \r\n, or null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                return null;
            }
            line.write(next);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
