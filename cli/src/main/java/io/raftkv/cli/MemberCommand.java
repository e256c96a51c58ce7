package io.raftkv.cli;

import io.raftkv.client.RaftKvRequestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code raftkv member ...}: list, add, promote and remove the cluster's members. */
@Command(name = "member", mixinStandardHelpOptions = true,
        description = "List, add, promote and remove the cluster's members.",
        subcommands = {MemberListCommand.class, MemberAddCommand.class, MemberPromoteCommand.class,
                MemberRemoveCommand.class})
final class MemberCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    /** {@code raftkv member} alone: show the subcommands, as a usage error, since nothing was asked. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /**
     * A refusal by the cluster (id in use, not a member, no quorum, the last member) as one line with the server's own
     * reason, which already says what to do instead; exit {@link ExitCodes#REJECTED}.
     */
    static int refused(PrintStream err, String commandName, RaftKvRequestException refusal) {
        String prefix = refusal.status() + " " + refusal.code() + ": ";
        String message = refusal.getMessage().startsWith(prefix)
                ? refusal.getMessage().substring(prefix.length()) : refusal.getMessage();
        err.println(commandName + ": " + message);
        return ExitCodes.REJECTED;
    }
}
