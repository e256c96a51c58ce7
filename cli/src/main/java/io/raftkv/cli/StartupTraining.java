package io.raftkv.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training run of the launcher's start-up cache for client commands (docs/performance.md, "Start-up"). The JVM
 * records which classes a run loads and links, and later runs start with them ready; so this run does what users do
 * most, the client commands, against a {@link TrainingNode} in this process, so that it needs no cluster. A command
 * that fails here makes the run exit 1, and the launcher then keeps no cache: a command is never worse off.
 */
public final class StartupTraining {
    /** Each command with the exit code it must end with against the training node. */
    static final List<TrainingCommand> COMMANDS = List.of(
            new TrainingCommand(ExitCodes.OK, "--version"),
            new TrainingCommand(ExitCodes.OK, "get", "--help"),
            new TrainingCommand(ExitCodes.OK, "put", TrainingNode.KEY, "value"),
            new TrainingCommand(ExitCodes.OK, "put", TrainingNode.KEY, "value", "--ttl", "30s"),
            new TrainingCommand(ExitCodes.OK, "get", TrainingNode.KEY),
            new TrainingCommand(ExitCodes.OK, "get", "--meta", TrainingNode.KEY),
            new TrainingCommand(ExitCodes.NOT_FOUND, "get", "absent"),
            new TrainingCommand(ExitCodes.OK, "append", TrainingNode.KEY, "more"),
            new TrainingCommand(ExitCodes.OK, "cas", TrainingNode.KEY, "2", "value"),
            new TrainingCommand(ExitCodes.OK, "list"),
            new TrainingCommand(ExitCodes.OK, "list", "--prefix", TrainingNode.KEY, "--keys-only"),
            new TrainingCommand(ExitCodes.OK, "delete", TrainingNode.KEY),
            new TrainingCommand(ExitCodes.OK, "status"),
            new TrainingCommand(ExitCodes.USAGE, "no-such-command"));

    private StartupTraining() {
    }

    public static void main(String[] arguments) throws IOException {
        List<String> failures = run();
        failures.forEach(System.err::println);
        System.exit(failures.isEmpty() ? ExitCodes.OK : 1);
    }

    /** Runs every training command and returns one line for each that did not end as expected. */
    static List<String> run() throws IOException {
        List<String> failures = new ArrayList<>();
        try (TrainingNode node = TrainingNode.start()) {
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
            CliContext context = new CliContext(InputStream.nullInputStream(), discard, discard,
                    Map.of(ClientOptions.ENDPOINTS_VARIABLE, node.endpoint()), false);
            for (TrainingCommand command : COMMANDS) {
                int exitCode = Main.execute(command.arguments().toArray(String[]::new), context);
                if (exitCode != command.expectedExitCode()) {
                    failures.add("raftkv " + String.join(" ", command.arguments()) + ": exit " + exitCode
                            + ", expected " + command.expectedExitCode());
                }
            }
        }
        return failures;
    }

    record TrainingCommand(int expectedExitCode, List<String> arguments) {
        TrainingCommand(int expectedExitCode, String... arguments) {
            this(expectedExitCode, List.of(arguments));
        }
    }
}
