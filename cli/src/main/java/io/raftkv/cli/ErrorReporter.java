package io.raftkv.cli;

import io.raftkv.client.RaftKvNoSpaceException;
import io.raftkv.client.RaftKvRequestException;
import io.raftkv.client.RaftKvSequenceForgottenException;
import io.raftkv.client.RaftKvUnavailableException;
import io.raftkv.server.DataDirectoryRefusedException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Turns failures into one clear line on stderr and an exit code. Only a bug (an exception nobody expected) prints a
 * stack trace, because only then is the trace useful to anyone.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    static int usageError(CommandLine.ParameterException error, String[] arguments) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + error.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
        err.println(usageHint(command));
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine command,
                                        CommandLine.ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (exception instanceof SettingException || exception instanceof IllegalArgumentException) {
            err.println(name + ": " + exception.getMessage());
            err.println(usageHint(command));
            return ExitCodes.USAGE;
        }
        if (exception instanceof DataDirectoryRefusedException refused) {
            err.println(name + ": " + refused.getMessage());
            return ExitCodes.of(refused.reason());
        }
        if (exception instanceof RaftKvUnavailableException unavailable) {
            err.println(name + ": cluster unavailable: " + unavailable.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        if (exception instanceof RaftKvSequenceForgottenException forgotten) {
            // A write's outcome rather than a failure of the command, so it reads like the other refused writes.
            err.println("rejected: the server forgot sequence " + forgotten.sequence() + " (completed below "
                    + forgotten.completedBelow() + ")");
            return ExitCodes.REJECTED;
        }
        if (exception instanceof RaftKvNoSpaceException noSpace) {
            err.println(name + ": no space: " + noSpace.getMessage());
            return ExitCodes.NO_SPACE;
        }
        if (exception instanceof RaftKvRequestException refused) {
            err.println(name + ": refused: " + refused.getMessage());
            return ExitCodes.REJECTED;
        }
        err.println(name + ": internal error, please report it with this trace:");
        exception.printStackTrace(err);
        return ExitCodes.INTERNAL_ERROR;
    }

    private static String usageHint(CommandLine command) {
        return "Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.";
    }
}
