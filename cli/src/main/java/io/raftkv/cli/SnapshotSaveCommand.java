package io.raftkv.cli;

import io.raftkv.client.RaftKvClient;
import io.raftkv.statemachine.SnapshotInspector;
import io.raftkv.storage.SnapshotCorruptException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code raftkv snapshot save FILE}: a consistent backup of a live cluster. The download lands in FILE.part and
 * becomes FILE only once it checks out and is on disk, so FILE is never a partial snapshot.
 */
@Command(name = "save", mixinStandardHelpOptions = true,
        description = {"Download a consistent point-in-time snapshot from a live cluster into FILE, check it, and "
                + "print its revision, keys, size and checksum.",
                "It holds every write acknowledged before the command started. A download that arrives truncated "
                        + "or damaged is deleted and refused (exit 6)."})
final class SnapshotSaveCommand implements Callable<Integer> {
    static final String PART_SUFFIX = ".part";

    @ParentCommand
    SnapshotCommand snapshot;

    @Mixin
    ClientOptions clientOptions;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to save the snapshot.")
    Path file;

    @Override
    public Integer call() {
        CliContext context = snapshot.main.context();
        if (Files.exists(file) && !force) {
            throw new SettingException(file + " exists; pass --force to replace it");
        }
        Path part = file.resolveSibling(file.getFileName() + PART_SUFFIX);
        try {
            SnapshotDownload.Outcome outcome = new SnapshotDownload(endpoints(context), clientOptions.timeout,
                    context.err()).into(part);
            SnapshotInspector.Status status;
            try {
                status = SnapshotInspector.inspect(part, bytes -> { });
            } catch (SnapshotCorruptException corrupt) {
                Files.deleteIfExists(part);
                context.err().println("raftkv snapshot save: the snapshot from " + outcome.endpoint() + " arrived "
                        + outcome.cutShort().map(reason -> "cut short after " + outcome.bytes() + " bytes (" + reason
                                + ")").orElse("damaged") + ": " + corrupt.getMessage() + "; nothing was saved");
                return ExitCodes.CORRUPT_FILE;
            }
            keep(part, file);
            SnapshotStatusCommand.print(status, context.out());
            return ExitCodes.OK;
        } catch (IOException cannotWrite) {
            throw new SettingException("cannot write " + part + ": "
                    + SettingException.reason(cannotWrite), cannotWrite);
        }
    }

    /** The endpoints as the client normalizes them (a scheme added, a trailing slash dropped). */
    private List<String> endpoints(CliContext context) {
        try (RaftKvClient client = clientOptions.connect(context)) {
            return client.endpoints();
        }
    }

    /** Flushes the download, renames it, then flushes the rename, so a crash leaves FILE whole or absent. */
    private static void keep(Path part, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path directory = file.toAbsolutePath().getParent();
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
