package io.raftkv.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The training run of the launcher's start-up cache for nodes (`raftkv server` and `raftkv dev`; docs/performance.md,
 * "Start-up"). A node loads about 8,300 classes before it answers, and on a machine where three nodes start at once
 * that loading is most of their start. This run starts a three-node cluster in this process, on free loopback ports and
 * in a temporary directory, and sends it what users send first (writes, reads, a list, the memcached protocol, the
 * polls of `raftkv dev`), so that the JVM can record what was loaded and linked. It exits 1 if the cluster does not
 * become ready or a request fails, and the launcher then keeps no cache: a node is never worse off.
 */
public final class NodeStartupTraining {
    private static final int NODE_COUNT = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int REQUEST_ROUNDS = 20;
    private static final int POLL_INTERVAL_MILLIS = 20;

    private NodeStartupTraining() {
    }

    /**
     * @param arguments one: the directory for the nodes' data, which must not exist or be empty; the launcher removes
     *                  it afterwards (the nodes still write to it while this JVM exits, so this run cannot)
     */
    public static void main(String[] arguments) throws Exception {
        if (arguments.length != 1) {
            System.err.println("usage: NodeStartupTraining DATA_DIRECTORY");
            System.exit(2);
        }
        Path directory = Files.createDirectories(Path.of(arguments[0]));
        try {
            List<TrainingPorts> ports = IntStream.range(0, NODE_COUNT).mapToObj(index -> TrainingPorts.free()).toList();
            startCluster(directory, ports);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            awaitReady(http, ports);
            for (TrainingPorts node : ports) {
                sendRequests(node);
                sendMemcachedRequests(node);
            }
        } catch (Exception failure) {
            System.err.println("raftkv: node start-up training failed: " + failure);
            // The nodes' shutdown hooks would end the JVM with exit code 0; a failed training must not look like one.
            Runtime.getRuntime().halt(1);
        }
        // Ends the nodes through their shutdown hooks, as a signal would; the JVM writes what it recorded at exit.
        System.exit(0);
    }

    private static void startCluster(Path directory, List<TrainingPorts> ports) {
        String peers = IntStream.range(0, ports.size())
                .mapToObj(index -> nodeId(index) + "=127.0.0.1:" + ports.get(index).raft())
                .collect(Collectors.joining(","));
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        CliContext context = new CliContext(InputStream.nullInputStream(), discard, discard, Map.of(), false);
        for (int index = 0; index < ports.size(); index++) {
            TrainingPorts node = ports.get(index);
            String[] command = {"server", "--id", nodeId(index), "--peers", peers,
                    "--data-dir", directory.resolve(nodeId(index)).toString(),
                    "--http", "127.0.0.1:" + node.http(), "--memcached", "127.0.0.1:" + node.memcached()};
            Thread runner = new Thread(() -> Main.execute(command, context), "training-" + nodeId(index));
            runner.setDaemon(true);
            runner.start();
        }
    }

    private static String nodeId(int index) {
        return "n" + (index + 1);
    }

    /** Polls every node's {@code /ready} as `raftkv dev` does, with the same HTTP client. */
    private static void awaitReady(HttpClient http, List<TrainingPorts> ports) throws Exception {
        long deadlineNanos = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<TrainingPorts> waiting = new ArrayList<>(ports);
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IOException("the training cluster was not ready within " + READY_TIMEOUT.toSeconds() + " s");
            }
            waiting.removeIf(node -> isReady(http, node));
            Thread.sleep(POLL_INTERVAL_MILLIS);
        }
    }

    private static boolean isReady(HttpClient http, TrainingPorts node) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.http() + "/ready"))
                .timeout(Duration.ofSeconds(1)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYetListening) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes through every node, so that followers forward and the leader replicates, then reads each back. */
    private static void sendRequests(TrainingPorts node) throws IOException {
        String base = "http://127.0.0.1:" + node.http();
        for (int round = 0; round < REQUEST_ROUNDS; round++) {
            String key = "/v1/kv/training-" + node.http() + "-" + round;
            expect(base + key + "?ttl=60", "PUT", "value " + round, 200);
            expect(base + key + "?meta=true", "GET", null, 200);
            expect(base + key, "GET", null, 200);
            expect(base + key + "?consistency=serializable", "GET", null, 200);
        }
        expect(base + "/v1/kv?prefix=training", "GET", null, 200);
        expect(base + "/v1/cluster", "GET", null, 200);
        expect(base + "/v1/kv/training-absent", "GET", null, 404);
    }

    private static void expect(String url, String method, String body, int expectedStatus) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(10_000);
        if (body != null) {
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status;
        try {
            status = connection.getResponseCode();
        } catch (IOException failure) {
            throw new IOException(method + " " + url + ": " + failure.getMessage(), failure);
        }
        InputStream answer = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        if (answer != null) {
            answer.readAllBytes();
            answer.close();
        }
        if (status != expectedStatus) {
            throw new IOException(method + " " + url + " answered " + status + ", expected " + expectedStatus);
        }
    }

    private static void sendMemcachedRequests(TrainingPorts node) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.memcached())) {
            socket.setSoTimeout(10_000);
            String commands = "set training 0 60 5\r\nvalue\r\nget training\r\nappend training 0 0 1\r\n!\r\n"
                    + "gets training\r\ndelete training\r\nquit\r\n";
            socket.getOutputStream().write(commands.getBytes(StandardCharsets.US_ASCII));
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!answers.startsWith("STORED\r\n") || !answers.contains("DELETED\r\n")) {
                throw new IOException("memcached port " + node.memcached() + " answered " + answers);
            }
        }
    }

    /** Ports the operating system had free a moment ago; the training is short, so taking them at once is enough. */
    private record TrainingPorts(int raft, int http, int memcached) {
        static TrainingPorts free() {
            return new TrainingPorts(freePort(), freePort(), freePort());
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException failure) {
                throw new java.io.UncheckedIOException(failure);
            }
        }
    }
}
