package io.raftkv.testing;

import io.raftkv.core.Invariants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * One node of a {@link LocalCluster}: its fixed ports and directories, and the operating-system process currently
 * running it, if any. The ports and directories survive restarts, as they would on a real machine; only the process
 * changes. Every method that touches the process acts on the handle this node started, never on anything else.
 *
 * <p>A node can also be paused (SIGSTOP) and resumed (SIGCONT), like a VM that stalls: the process lives on, its
 * sockets stay open and the kernel still accepts connections for it, but it answers nothing. A paused node counts as
 * running but is never probed (see {@link NodeHttp}), so polling loops do not wait on it.
 */
public final class LocalNode {
    /** Where every node listens unless the cluster gives each node an address of its own. */
    public static final String HOST = "127.0.0.1";
    /** A clean shutdown closes HTTP, Raft and RocksDB; anything slower than this is a hang worth failing on. */
    public static final long STOP_TIMEOUT_MILLIS = 15_000;
    /** SIGKILL cannot be caught, so the kernel reaps the process almost at once; this only bounds a broken kernel. */
    public static final long KILL_TIMEOUT_MILLIS = 10_000;

    /** Raft, HTTP and memcached. */
    static final int PORTS_PER_NODE = 3;

    /** Starts the harness's own lines in the log, so they stand apart from the node's. */
    static final String MARKER_PREFIX = "---- raftkv harness ";
    private static final String START_EVENT = "starting:";
    private static final String LOG_LEVEL_VARIABLE = "RAFTKV_LOG_LEVEL";

    private final String id;
    private final String host;
    private final int raftPort;
    private final int httpPort;
    private final int memcachedPort;
    private final Path directory;
    private Process process;
    /** True from a start until the harness kills or stops the node: a process that ends meanwhile crashed. */
    private boolean shouldRun;
    /** True between a pause and the next resume, kill or stop of the current process. */
    private boolean paused;

    LocalNode(String id, String host, int raftPort, int httpPort, int memcachedPort, Path directory) {
        this.id = id;
        this.host = host;
        this.raftPort = raftPort;
        this.httpPort = httpPort;
        this.memcachedPort = memcachedPort;
        this.directory = directory;
    }

    public String id() {
        return id;
    }

    /** The loopback address this node listens on (and, with a source-address shim, connects from). */
    public String host() {
        return host;
    }

    public String raftAddress() {
        return host + ":" + raftPort;
    }

    public String httpAddress() {
        return host + ":" + httpPort;
    }

    public String memcachedAddress() {
        return host + ":" + memcachedPort;
    }

    public String httpEndpoint() {
        return "http://" + httpAddress();
    }

    /** Holds the data directory and the log; only the data directory is wiped. */
    public Path directory() {
        return directory;
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    /** The node's stdout and stderr, appended to across restarts, with a marker line for every start and stop. */
    public Path logFile() {
        return directory.resolve("server.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stopped with SIGSTOP and not resumed since. */
    public synchronized boolean isPaused() {
        return paused && isRunning();
    }

    /** The process ended although the harness never stopped it. */
    public synchronized boolean crashed() {
        return shouldRun && !isRunning();
    }

    /** The operating-system id of the current process, empty when it was never started. */
    public synchronized OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /** The exit code of the last process, empty while it runs or when it was never started. */
    public synchronized OptionalInt exitCode() {
        return process == null || process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public List<String> logTail(int lineCount) {
        return LogTail.read(logFile(), lineCount);
    }

    /** The log lines written since the harness last started this node (within the last part of a long log). */
    public List<String> logOfCurrentRun() {
        List<String> tail = LogTail.read(logFile(), Integer.MAX_VALUE);
        for (int index = tail.size() - 1; index >= 0; index--) {
            if (tail.get(index).startsWith(MARKER_PREFIX) && tail.get(index).contains(": " + START_EVENT)) {
                return tail.subList(index + 1, tail.size());
            }
        }
        return tail;
    }

    /**
     * Starts the process; its output goes to the log.
     *
     * @param description what the start marker in the log says the command is (the full one holds a long classpath)
     * @param environment variables added to the process's environment after the developer's settings are removed
     */
    synchronized void start(List<String> command, String description, Map<String, String> environment) {
        Invariants.check(!isRunning(), "node %s is already running as pid %d", id,
                process == null ? -1 : process.pid());
        try {
            Files.createDirectories(dataDirectory());
            appendMarker(START_EVENT + " " + description);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile().toFile()));
            // The node must take its settings from the flags alone, not from a developer's shell; only the log level
            // passes through, so a developer can rerun a failing test with RAFTKV_LOG_LEVEL=DEBUG.
            builder.environment().keySet()
                    .removeIf(name -> name.startsWith("RAFTKV_") && !name.equals(LOG_LEVEL_VARIABLE));
            builder.environment().putAll(environment);
            process = builder.start();
            shouldRun = true;
            paused = false;
        } catch (IOException startFailure) {
            throw new UncheckedIOException("could not start node " + id, startFailure);
        }
    }

    /**
     * SIGSTOP: the process freezes at once, mid-request, and keeps its sockets. Returns once the kernel reports the
     * process stopped.
     */
    public synchronized void pause() {
        Invariants.check(isRunning(), "node %s is not running, so it cannot be paused", id);
        Invariants.check(!paused, "node %s is already paused", id);
        Signals.stop(process.pid());
        paused = true;
        appendMarker("paused with SIGSTOP");
    }

    /** SIGCONT: the process carries on where it froze; its timers see the pause as time that passed. */
    public synchronized void resume() {
        Invariants.check(isPaused(), "node %s is not paused", id);
        Signals.resume(process.pid());
        paused = false;
        appendMarker("resumed with SIGCONT");
    }

    /**
     * SIGKILL: no shutdown hook runs, nothing is flushed, as in a power cut of the process (not of the machine). Works
     * on a paused node too: the kernel delivers SIGKILL to a stopped process.
     */
    public synchronized void kill() {
        shouldRun = false;
        paused = false;
        if (!isRunning()) {
            return;
        }
        process.destroyForcibly();
        Invariants.check(ProcessWaits.exited(process, Duration.ofMillis(KILL_TIMEOUT_MILLIS)),
                "node %s (pid %d) outlived SIGKILL for %d ms", id, process.pid(), KILL_TIMEOUT_MILLIS);
        appendMarker("killed with SIGKILL, exit code " + process.exitValue());
    }

    /**
     * SIGTERM and wait for a clean exit. A node that does not exit in time is killed and reported as a failure, since
     * a hanging shutdown is a bug of its own.
     *
     * @return the exit code
     */
    public synchronized int stop() {
        Invariants.check(isRunning(), "node %s is not running", id);
        if (paused) {
            // A stopped process keeps SIGTERM pending until it runs again, so it must be resumed to shut down.
            resume();
        }
        shouldRun = false;
        process.destroy();
        if (!ProcessWaits.exited(process, Duration.ofMillis(STOP_TIMEOUT_MILLIS))) {
            kill();
            throw new IllegalStateException("node " + id + " did not exit within " + STOP_TIMEOUT_MILLIS
                    + " ms of SIGTERM, so it was killed");
        }
        appendMarker("stopped with SIGTERM, exit code " + process.exitValue());
        return process.exitValue();
    }

    /** Deletes the data directory of a stopped node, as if its disk had been replaced. The log is kept. */
    public synchronized void wipe() {
        Invariants.check(!isRunning(), "node %s must be stopped before its data is wiped", id);
        Path data = dataDirectory();
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException deleteFailure) {
            throw new UncheckedIOException("could not wipe " + data, deleteFailure);
        }
        appendMarker("data directory wiped");
    }

    private void appendMarker(String event) {
        String line = MARKER_PREFIX + Instant.now() + " node " + id + ": " + event + System.lineSeparator();
        try {
            Files.createDirectories(directory);
            Files.writeString(logFile(), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException writeFailure) {
            throw new UncheckedIOException("could not write to " + logFile(), writeFailure);
        }
    }

    @Override
    public String toString() {
        return id + "(raft " + raftAddress() + ", http " + httpAddress() + ")";
    }
}
