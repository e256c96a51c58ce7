package io.raftkv.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code raftkv snapshot ...}: work with snapshot files. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Work with snapshot files: save one from a live cluster, check one (a node keeps its own under "
                + "DATA_DIR/raft/*/sm/), restore one into a new cluster.",
        subcommands = {SnapshotStatusCommand.class, SnapshotSaveCommand.class, SnapshotRestoreCommand.class})
final class SnapshotCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    /** {@code raftkv snapshot} alone: show the subcommands, as a usage error, since nothing was asked. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
