package io.raftkv.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one {@code raftkv} command in a JVM of its own, as an operator would, and captures what it printed. */
final class CliProcess {
    /** A JVM start plus the command's work (a download, a restore) on a loaded machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** The exit code and the output of one run. */
    record Run(int exitCode, String out, String err) {
    }

    private CliProcess() {
    }

    /** Runs the command; its output goes through files in {@code directory}, named after {@code name}. */
    static Run run(Path directory, String name, String... arguments) throws IOException, InterruptedException {
        Path output = directory.resolve(name + ".out");
        Path errors = directory.resolve(name + ".err");
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java binary runs this JVM"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                LocalCluster.MAIN_CLASS));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("raftkv " + String.join(" ", arguments) + " did not finish within " + TIMEOUT);
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                Files.readString(errors, StandardCharsets.UTF_8));
    }
}
