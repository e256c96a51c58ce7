package io.raftkv.cli.failover;

import io.raftkv.core.Invariants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The node processes of one store, by node number: started with their output appended to a log, killed by handle. */
final class NodeProcesses {
    /** A killed process is gone at once; this only bounds a wait that would otherwise hang on a kernel problem. */
    private static final long EXIT_WAIT_SECONDS = 30;

    private final Path directory;
    private final Map<Integer, Process> processByNumber = new HashMap<>();

    NodeProcesses(Path directory) {
        this.directory = directory;
    }

    Path dataDirectory(String prefix, int number) {
        return directory.resolve(prefix + "-" + number);
    }

    void start(int number, String logName, List<String> command) throws IOException {
        Invariants.check(!running(number), "node %d is already running", number);
        Files.createDirectories(directory);
        Path log = directory.resolve(logName + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        processByNumber.put(number, process);
    }

    boolean running(int number) {
        Process process = processByNumber.get(number);
        return process != null && process.isAlive();
    }

    /** SIGKILL: {@link Process#destroyForcibly()} sends it on Linux. */
    void kill(int number) throws InterruptedException {
        Process process = processByNumber.get(number);
        Invariants.check(process != null && process.isAlive(), "node %d is not running", number);
        process.destroyForcibly();
        Invariants.check(process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS), "node %d did not exit after SIGKILL",
                number);
    }

    void killAll() {
        processByNumber.values().forEach(Process::destroyForcibly);
        for (Process process : processByNumber.values()) {
            try {
                process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
