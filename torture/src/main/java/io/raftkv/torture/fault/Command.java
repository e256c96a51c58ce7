package io.raftkv.torture.fault;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs one operating-system command to its end and collects its output; the fault tools are all commands. */
final class Command {
    /** iptables waits for the xtables lock ({@code -w}) and gcc compiles one small file: both end well within this. */
    static final long TIMEOUT_MILLIS = 60_000;
    /** Where administration tools live when the harness's PATH lacks the sbin directories, as for non-login shells. */
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
            "/usr/bin", "/sbin", "/bin");

    private Command() {
    }

    /** How a command ended. */
    record Result(List<String> command, int exitCode, String output, String errors) {
        boolean succeeded() {
            return exitCode == 0;
        }

        /** Fails with the command's stderr (or stdout, for tools that report there) unless it succeeded. */
        Result orThrow() {
            if (!succeeded()) {
                String message = errors.isBlank() ? output : errors;
                throw new IllegalStateException("`" + String.join(" ", command) + "` failed with exit code "
                        + exitCode + ": " + message.strip());
            }
            return this;
        }
    }

    /** Runs the command; a command that cannot be started or does not end in time is an exception, not a result. */
    static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            // None of the commands reads input; a closed stdin makes sure none waits for it.
            process.getOutputStream().close();
            // Both streams are read while the command runs, so a chatty command cannot fill a pipe and stall.
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process, true));
            String output = readAll(process, false);
            if (!process.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("`" + String.join(" ", command) + "` did not end within "
                        + TIMEOUT_MILLIS + " ms");
            }
            return new Result(List.copyOf(command), process.exitValue(), output, errors.get());
        } catch (IOException startFailure) {
            throw new UncheckedIOException("could not run `" + String.join(" ", command) + "`", startFailure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, interrupted);
        } catch (ExecutionException readFailure) {
            throw new IllegalStateException("could not read the errors of " + command, readFailure.getCause());
        }
    }

    /** The executable's full path, searched on PATH and then in the usual system directories. */
    static Optional<Path> find(String executable) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), SYSTEM_DIRECTORIES.stream())
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, executable))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String readAll(Process process, boolean errors) {
        try {
            byte[] bytes = errors ? process.getErrorStream().readAllBytes() : process.getInputStream().readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException readFailure) {
            throw new UncheckedIOException("could not read the output of pid " + process.pid(), readFailure);
        }
    }
}
