package io.raftkv.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code raftkv} command in a JVM of its own, as an operator runs it, that may be started now and awaited later
 * (a forced membership change that waits for a node to come back).
 */
final class OperatorCommand {
    private final Process process;
    private final Path output;
    private final Path errors;

    private OperatorCommand(Process process, Path output, Path errors) {
        this.process = process;
        this.output = output;
        this.errors = errors;
    }

    /** What one finished command did. */
    record Outcome(int exitCode, String output, String errors) {
    }

    /** Starts {@code raftkv ARGUMENTS}; its output goes to files named after {@code name} in {@code directory}. */
    static OperatorCommand start(Path directory, String name, List<String> arguments) throws IOException {
        Path output = directory.resolve(name + ".out");
        Path errors = directory.resolve(name + ".err");
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java binary runs this JVM"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                LocalCluster.MAIN_CLASS));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        return new OperatorCommand(process, output, errors);
    }

    static Outcome run(Path directory, String name, List<String> arguments, Duration timeout) throws IOException,
            InterruptedException {
        return start(directory, name, arguments).await(timeout);
    }

    Outcome await(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the raftkv command did not finish within " + timeout);
        }
        return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                Files.readString(errors, StandardCharsets.UTF_8));
    }
}
