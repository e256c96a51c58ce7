package io.raftkv.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@code raftkv} in-process with captured output, a made-up environment and stdin. */
final class CommandRunner {
    private CommandRunner() {
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... arguments) {
        return runWith(Map.of(), new byte[0], arguments);
    }

    static Run runWith(Map<String, String> environment, byte[] stdin, String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment, false);
        int exitCode = Main.execute(arguments, context);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
