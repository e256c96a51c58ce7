package io.raftkv.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** The {@code raftkv} command: a node, a local dev cluster, client commands and a benchmark. */
@Command(name = "raftkv", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A strongly consistent, Raft-replicated key-value store.",
        footer = ExitCodes.HELP_FOOTER)
public final class Main implements Callable<Integer> {
    /** The subcommands, in the order `raftkv --help` lists them; each is named by its own {@code @Command}. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(ServerCommand.class, DevCommand.class,
            GetCommand.class, PutCommand.class, AppendCommand.class, DeleteCommand.class, CasCommand.class,
            ListCommand.class, StatusCommand.class, BenchCommand.class, FailoverBenchCommand.class,
            SnapshotCommand.class, LeaderCommand.class, MemberCommand.class, CommandLine.HelpCommand.class);
    private static final String HELP_COMMAND = "help";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    Main(CliContext context) {
        this.context = context;
    }

    public static void main(String[] arguments) {
        System.exit(execute(arguments, CliContext.system()));
    }

    /** Runs one command line and returns its exit code; the only entry point tests use. */
    static int execute(String[] arguments, CliContext context) {
        CommandLine commandLine = new CommandLine(new Main(context));
        addSubcommands(commandLine, arguments);
        // Set after the subcommands are added: picocli hands these settings down to the subcommands it has.
        commandLine.setOut(new PrintWriter(context.out(), true));
        commandLine.setErr(new PrintWriter(context.err(), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // "--peers @FILE" names a peers file that PeersParser reads; picocli's own @-file expansion would splice the
        // file's lines into the command line instead. No option of ours takes arguments from a file that way.
        commandLine.setExpandAtFiles(false);
        commandLine.registerConverter(Duration.class, new DurationParser());
        commandLine.setParameterExceptionHandler(ErrorReporter::usageError);
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        return commandLine.execute(arguments);
    }

    /**
     * When the first argument names a subcommand, only that one's model is built: picocli builds each by reflection,
     * and the whole tree cost every client command 60-100 ms (docs/performance.md, "Start-up"). Anything else (no
     * argument, --help, help, a mistyped name that picocli suggests a fix for) gets them all.
     */
    private static void addSubcommands(CommandLine commandLine, String[] arguments) {
        String invoked = arguments.length == 0 ? "" : arguments[0];
        boolean namesOne = !invoked.equals(HELP_COMMAND) && SUBCOMMANDS.stream().anyMatch(
                subcommand -> name(subcommand).equals(invoked));
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (!namesOne || name(subcommand).equals(invoked)) {
                commandLine.addSubcommand(name(subcommand), subcommand);
            }
        }
    }

    private static String name(Class<?> subcommand) {
        return subcommand.getAnnotation(Command.class).name();
    }

    CliContext context() {
        return context;
    }

    /** {@code raftkv} alone: show what it can do, as a usage error, since nothing was asked. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[]{"raftkv " + (version == null ? "(development build)" : version),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
