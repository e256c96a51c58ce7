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
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * One node of a {@link LocalCluster}: its fixed ports and directories, and the operating-system process currently
 * running it, if any. The ports and directories survive restarts, as they would on a real machine; only the process
 * changes. Every method that touches the process acts on the handle this node started, never on anything else.
 */
public final class LocalNode {
    public static final String HOST = "127.0.0.1";
    /** A clean shutdown closes HTTP, Raft and RocksDB; anything slower than this is a hang worth failing on. */
    public static final long STOP_TIMEOUT_MILLIS = 15_000;
    /** SIGKILL cannot be caught, so the kernel reaps the process almost at once; this only bounds a broken kernel. */
    public static final long KILL_TIMEOUT_MILLIS = 10_000;

    /** Starts the harness's own lines in the log, so they stand apart from the node's. */
    static final String MARKER_PREFIX = "---- raftkv harness ";
    private static final String START_EVENT = "starting:";
    private static final String LOG_LEVEL_VARIABLE = "RAFTKV_LOG_LEVEL";

    private final String id;
    private final int raftPort;
    private final int httpPort;
    private final Path directory;
    private Process process;
    /** True from a start until the harness kills or stops the node: a process that ends meanwhile crashed. */
    private boolean shouldRun;

    LocalNode(String id, int raftPort, int httpPort, Path directory) {
        this.id = id;
        this.raftPort = raftPort;
        this.httpPort = httpPort;
        this.directory = directory;
    }

    public String id() {
        return id;
    }

    public String raftAddress() {
        return HOST + ":" + raftPort;
    }

    public String httpAddress() {
        return HOST + ":" + httpPort;
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
     */
    synchronized void start(List<String> command, String description) {
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
            process = builder.start();
            shouldRun = true;
        } catch (IOException startFailure) {
            throw new UncheckedIOException("could not start node " + id, startFailure);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, as in a power cut of the process (not of the machine). */
    public synchronized void kill() {
        shouldRun = false;
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
