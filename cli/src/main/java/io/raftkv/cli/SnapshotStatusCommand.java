package io.raftkv.cli;

import io.raftkv.statemachine.SnapshotInspector;
import io.raftkv.storage.SnapshotCorruptException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Check a snapshot file and print its position, revision, keys, size and checksum.",
                "A truncated or damaged file is refused (exit 6)."})
final class SnapshotStatusCommand implements Callable<Integer> {
    /** Files at least this large get a progress line every tenth of the way. */
    static final long PROGRESS_BYTES_MIN = 64L * 1024 * 1024;
    private static final int PROGRESS_STEPS = 10;

    @ParentCommand
    SnapshotCommand snapshot;

    @Parameters(index = "0", paramLabel = "FILE", description = "The snapshot file.")
    Path file;

    @Override
    public Integer call() {
        CliContext context = snapshot.main.context();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new SettingException("cannot read " + file + ": not a readable file");
        }
        try {
            SnapshotInspector.Status status = SnapshotInspector.inspect(file, progress(file, context.err()));
            print(status, context.out());
            return ExitCodes.OK;
        } catch (SnapshotCorruptException corrupt) {
            context.err().println("raftkv snapshot status: " + file + " is not an intact raftkv snapshot: "
                    + corrupt.getMessage());
            return ExitCodes.CORRUPT_FILE;
        } catch (IOException cannotRead) {
            throw new SettingException("cannot read " + file + ": "
                    + SettingException.reason(cannotRead), cannotRead);
        }
    }

    /** The file is read twice (see {@link SnapshotInspector}); progress is over both reads. */
    static LongConsumer progress(Path file, PrintStream err) throws IOException {
        long totalBytes = 2 * Files.size(file);
        if (totalBytes < 2 * PROGRESS_BYTES_MIN) {
            return bytes -> { };
        }
        long[] nextStep = {1};
        return bytes -> {
            if (bytes * PROGRESS_STEPS >= nextStep[0] * totalBytes) {
                err.printf(Locale.ROOT, "checking: %d%%%n", nextStep[0] * 100 / PROGRESS_STEPS);
                nextStep[0]++;
            }
        };
    }

    /** The report {@code snapshot status} prints; {@code snapshot save} prints it too. */
    static void print(SnapshotInspector.Status status, PrintStream out) {
        out.printf(Locale.ROOT, "revision       %d%n", status.revision());
        out.printf(Locale.ROOT, "applied index  %d (term %d)%n", status.appliedIndex(), status.appliedTerm());
        out.printf(Locale.ROOT, "cluster time   %s%n", Instant.ofEpochMilli(status.clusterTimeMillis()));
        out.printf(Locale.ROOT, "keys           %d (%d records; the rest expired or flushed, not yet swept)%n",
                status.liveKeys(), status.dataRecords());
        out.printf(Locale.ROOT, "size           %d bytes%n", status.sizeBytes());
        out.printf(Locale.ROOT, "checksum       crc32c %08x (valid)%n", status.summary().storedChecksum());
    }
}
