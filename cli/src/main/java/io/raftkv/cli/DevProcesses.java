package io.raftkv.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The child processes of `raftkv dev`: starting them, waiting until they are ready, watching and stopping them. */
final class DevProcesses {
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    static final Duration READY_PROBE_TIMEOUT = Duration.ofSeconds(1);
    /**
     * How often `dev` asks every node whether it is ready. A poll is three loopback requests, so asking often costs
     * next to nothing, while every millisecond between a node turning ready and `dev` noticing is added to its start.
     */
    static final Duration READY_POLL_INTERVAL = Duration.ofMillis(50);
    static final int LOG_TAIL_LINES = 25;

    private final Map<DevNode, Process> processes;
    private final CliContext context;
    private volatile boolean stopping;

    private DevProcesses(Map<DevNode, Process> processes, CliContext context) {
        this.processes = processes;
        this.context = context;
    }

    /** The operating system's id of a node's process, so a user can kill -9 it to try a failure. */
    long pid(DevNode node) {
        return processes.get(node).pid();
    }

    static DevProcesses start(List<DevNode> nodes, String storage, CliContext context) throws IOException {
        Map<DevNode, Process> processes = new LinkedHashMap<>();
        DevProcesses started = new DevProcesses(processes, context);
        for (DevNode node : nodes) {
            Files.createDirectories(node.directory());
            ProcessBuilder builder = new ProcessBuilder(command(node, nodes, storage))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(node.logFile().toFile()));
            try {
                processes.put(node, builder.start());
            } catch (IOException cannotStart) {
                started.stopAll();
                throw cannotStart;
            }
        }
        return started;
    }

    /** The same java, options and class path as this process, so the children run exactly this build. */
    private static List<String> command(DevNode node, List<DevNode> nodes, String storage) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java binary runs this process")));
        // The nodes get this JVM's options (those the launcher set and RAFTKV_JAVA_OPTS), so a heap size or a GC
        // choice given to `raftkv dev` reaches the nodes.
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "server",
                "--id", node.id(), "--peers", DevNode.peers(nodes), "--data-dir", node.directory().toString(),
                "--http", DevNode.HOST + ":" + node.httpPort(), "--memcached", node.memcachedAddress(),
                "--storage", storage));
        return command;
    }

    /** Polls {@code /ready} on every node, with a progress line; on failure explains which node and why. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        PrintStream err = context.err();
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        long startNanos = System.nanoTime();
        // On a terminal the progress line redraws itself; in a log it would repeat, so it is printed once.
        boolean redraw = context.outIsTerminal();
        if (!redraw) {
            err.println("waiting for " + processes.size() + " nodes to be ready (logs in " + logDirectories() + ")");
        }
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(READY_PROBE_TIMEOUT).build()) {
            while (true) {
                List<DevNode> notReady = processes.keySet().stream().filter(node -> !isReady(http, node)).toList();
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
                if (redraw) {
                    err.print("\rwaiting for " + processes.size() + " nodes to be ready: "
                            + (processes.size() - notReady.size()) + "/" + processes.size() + " ready (" + seconds
                            + "s) ");
                    err.flush();
                }
                if (notReady.isEmpty()) {
                    err.println(redraw ? "" : "all " + processes.size() + " nodes are ready after " + seconds + "s");
                    return true;
                }
                List<DevNode> dead = notReady.stream().filter(node -> !processes.get(node).isAlive()).toList();
                if (!dead.isEmpty() || System.nanoTime() > deadlineNanos) {
                    err.println();
                    DevNode failing = dead.isEmpty() ? notReady.get(0) : dead.get(0);
                    err.println(dead.isEmpty()
                            ? "node " + failing.id() + " is not ready after " + timeout.toSeconds() + "s"
                            : "node " + failing.id() + " exited with code " + processes.get(failing).exitValue());
                    printLogTail(failing);
                    return false;
                }
                Thread.sleep(READY_POLL_INTERVAL.toMillis());
            }
        }
    }

    private String logDirectories() {
        return processes.keySet().stream().map(node -> node.logFile().toString()).collect(Collectors.joining(", "));
    }

    private static boolean isReady(HttpClient http, DevNode node) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.endpoint() + "/ready"))
                .timeout(READY_PROBE_TIMEOUT).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            // A node that is still starting refuses connections; that is "not ready", the loop asks again.
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reports each child that dies unexpectedly (the others keep running) and returns when none is left. */
    void superviseUntilAllExit() {
        List<CompletableFuture<Process>> exits = new ArrayList<>();
        processes.forEach((node, process) -> exits.add(process.onExit().whenComplete((exited, error) -> {
            if (!stopping) {
                context.err().println("node " + node.id() + " exited unexpectedly with code " + exited.exitValue());
                printLogTail(node);
            }
        })));
        CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).join();
    }

    boolean stopping() {
        return stopping;
    }

    /** SIGTERM to every child, then up to {@link #STOP_GRACE} for all to finish, then SIGKILL to the rest. */
    synchronized void stopAll() {
        stopping = true;
        processes.values().forEach(Process::destroy);
        long deadlineNanos = System.nanoTime() + STOP_GRACE.toNanos();
        for (Map.Entry<DevNode, Process> entry : processes.entrySet()) {
            long remainingNanos = Math.max(0, deadlineNanos - System.nanoTime());
            boolean exited = waitFor(entry.getValue(), remainingNanos);
            if (!exited) {
                context.err().println("node " + entry.getKey().id() + " did not stop within "
                        + STOP_GRACE.toSeconds() + "s; killing it");
                entry.getValue().destroyForcibly();
            }
        }
    }

    private static boolean waitFor(Process process, long timeoutNanos) {
        try {
            return process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void printLogTail(DevNode node) {
        context.err().println("last lines of " + node.logFile() + ":");
        context.err().println(logTail(node.logFile(), LOG_TAIL_LINES).lines()
                .map(line -> "  | " + line).collect(Collectors.joining(System.lineSeparator())));
    }

    static String logTail(Path logFile, int lineCount) {
        try {
            // Decoded leniently: a log may hold any bytes, and a tail with a replacement character beats no tail.
            List<String> lines = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - lineCount),
                    lines.size()));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + logFile, unreadable);
        }
    }
}
