package io.raftkv.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code raftkv leader ...}: operations on the cluster's leadership. */
@Command(name = "leader", mixinStandardHelpOptions = true,
        description = "Operations on the cluster's leadership.",
        subcommands = {LeaderTransferCommand.class})
final class LeaderCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    /** {@code raftkv leader} alone: show the subcommands, as a usage error, since nothing was asked. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
