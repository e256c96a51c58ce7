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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in raftkv HTTP node on 127.0.0.1 with a free port, over a plain server socket so that a test sees exactly
 * which connection each request came on and can script any response, broken ones included.
 */
final class FakeHttpServer implements AutoCloseable {
    /** What the server sends back for one request. */
    @FunctionalInterface
    interface Responder {
        /**
         * @param requestLine the request line without {@code \r\n}, e.g. {@code PUT /v1/kv/bench/00000001 HTTP/1.1}
         * @param body        the request body, empty without {@code Content-Length}
         * @return the whole response as ISO-8859-1 text, or null to close the connection without answering
         */
        String respond(String requestLine, byte[] body);
    }

    private final Responder responder;
    private final ServerSocket serverSocket;
    private final AtomicInteger connectionsAccepted = new AtomicInteger();
    /** Each request line, prefixed with the number of its connection: "#1 GET /v1/kv/bench/00000001 HTTP/1.1". */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    FakeHttpServer(Responder responder) throws IOException {
        this.responder = responder;
        this.serverSocket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("fake-http-acceptor").start(this::accept);
    }

    /** A node that stores what is put and answers gets as raftkv does: the raw value, or 404 not_found. */
    static FakeHttpServer storing() throws IOException {
        Map<String, byte[]> values = new ConcurrentHashMap<>();
        return new FakeHttpServer((requestLine, body) -> {
            String[] fields = requestLine.split(" ");
            String key = fields[1].substring("/v1/kv/".length()).replaceFirst("\\?.*", "");
            if (fields[0].equals("PUT")) {
                values.put(key, body);
                return response(200, "{\"key\":\"" + key + "\",\"revision\":1}");
            }
            byte[] value = values.get(key);
            return value == null
                    ? response(404, "{\"error\":\"not_found\",\"message\":\"no such key\"}")
                    : response(200, new String(value, StandardCharsets.ISO_8859_1));
        });
    }

    static String response(int status, String body) {
        return "HTTP/1.1 " + status + " Whatever\r\nContent-Type: application/json\r\nX-Raftkv-Node: n1\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body;
    }

    String url() {
        return "http://127.0.0.1:" + serverSocket.getLocalPort();
    }

    List<String> requests() {
        return requests;
    }

    private void accept() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                sockets.add(socket);
                int connection = connectionsAccepted.incrementAndGet();
                Thread.ofPlatform().daemon().name("fake-http-" + connection).start(() -> serve(socket, connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (String requestLine = readLine(in); requestLine != null; requestLine = readLine(in)) {
                int contentLength = 0;
                for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
                    if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        contentLength = Integer.parseInt(header.substring(header.indexOf(':') + 1).strip());
                    }
                }
                byte[] body = in.readNBytes(contentLength);
                requests.add("#" + connection + " " + requestLine);
                String response = responder.respond(requestLine, body);
                if (response == null) {
                    return;
                }
                out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException disconnected) {
            // The client went away, which the tests do on purpose: the connection's thread simply ends.
        }
    }

    /** A line without its \r\n, or null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int next = in.read(); next != -1; next = in.read()) {
            if (next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, Math.max(0, bytes.length - 1), StandardCharsets.ISO_8859_1);
            }
            line.write(next);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
