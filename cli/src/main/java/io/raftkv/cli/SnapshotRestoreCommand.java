package io.raftkv.cli;

import io.raftkv.server.NodeConfig;
import io.raftkv.server.SnapshotRestore;
import io.raftkv.statemachine.CountingInputStream;
import io.raftkv.statemachine.SnapshotInspector;
import io.raftkv.storage.SnapshotCorruptException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * {@code raftkv snapshot restore FILE --data-dir DIR --id ID --peers ...}: bootstraps one node of a new cluster from a
 * snapshot, offline. Every node of the new cluster is restored from the same file with the same peers, then started.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a snapshot into a new, empty data directory as one node of a NEW cluster, offline.",
                "Restore the same FILE with the same --peers for every node, then start each with 'raftkv server' "
                        + "and the same --id, --peers and --data-dir. The data keeps its keys, revisions and "
                        + "expiry; the old cluster's members and client sessions are dropped. A truncated or "
                        + "damaged file is refused (exit 6); a data directory that is not empty is exit 2."})
final class SnapshotRestoreCommand implements Callable<Integer> {
    static final int RESTORE_BUFFER_BYTES = 1 << 20;
    private static final double BYTES_PER_MEBIBYTE = 1024.0 * 1024.0;

    @ParentCommand
    SnapshotCommand snapshot;

    @Parameters(index = "0", paramLabel = "FILE", description = "The snapshot file ('raftkv snapshot save').")
    Path file;

    @Option(names = "--data-dir", paramLabel = "DIR", required = true,
            description = "The new node's data directory; must be absent or empty.")
    Path dataDirectory;

    @Option(names = "--id", paramLabel = "ID", required = true, description = "The new node's id, one of the peers.")
    String id;

    @Option(names = "--peers", paramLabel = "ID=HOST:PORT,...|@FILE", required = true,
            description = "Every member of the NEW cluster and its Raft address, as 'raftkv server' will get them.")
    String peers;

    @Override
    public Integer call() {
        CliContext context = snapshot.main.context();
        List<NodeConfig.Peer> members = PeersParser.parse(peers, "--peers");
        if (members.stream().noneMatch(peer -> peer.id().equals(id))) {
            throw new SettingException("--id: '" + id + "' is not among the peers "
                    + members.stream().map(NodeConfig.Peer::id).collect(Collectors.joining(", ")));
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new SettingException("cannot read " + file + ": not a readable file");
        }
        Path target = dataDirectory.toAbsolutePath().normalize();
        try {
            if (!SnapshotRestore.isAbsentOrEmpty(target)) {
                throw new SettingException("--data-dir: " + target + " is not empty; a snapshot is only restored "
                        + "into a new, empty data directory");
            }
            SnapshotInspector.Status status;
            try {
                status = SnapshotInspector.inspect(file, SnapshotStatusCommand.progress(file, context.err()));
            } catch (SnapshotCorruptException corrupt) {
                context.err().println("raftkv snapshot restore: " + file + " is not an intact raftkv snapshot: "
                        + corrupt.getMessage() + "; nothing was restored");
                return ExitCodes.CORRUPT_FILE;
            }
            SnapshotRestore.Restored restored;
            long sizeBytes = Files.size(file);
            try (InputStream in = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file),
                    RESTORE_BUFFER_BYTES), 0, restoreProgress(sizeBytes, context.err()))) {
                restored = SnapshotRestore.restore(in, target, id, members);
            }
            printSummary(status, restored, target, context.out());
            return ExitCodes.OK;
        } catch (IOException failure) {
            throw new SettingException("cannot restore " + file + " into " + target + ": "
                    + SettingException.reason(failure), failure);
        }
    }

    private void printSummary(SnapshotInspector.Status status, SnapshotRestore.Restored restored, Path target,
                              PrintStream out) {
        out.printf(Locale.ROOT, "restored       %s into %s%n", file, target);
        out.printf(Locale.ROOT, "revision       %d (new writes get higher revisions)%n",
                restored.rebased().revision());
        out.printf(Locale.ROOT, "keys           %d%n", status.liveKeys());
        out.printf(Locale.ROOT, "cluster id     %s (derived from --peers: every node restored with the same "
                + "--peers gets it)%n", restored.identity().clusterId());
        out.printf(Locale.ROOT, "node           %s%n", restored.identity().nodeId());
        out.printf(Locale.ROOT, "next           restore the same file for every other peer, then start each node: "
                + "raftkv server --id %s --peers %s --data-dir %s --http HOST:PORT%n", id, peers, target);
    }

    /** Reports restore progress on stderr at most once a second, as {@code snapshot save} does. */
    private static LongConsumer restoreProgress(long totalBytes, PrintStream progress) {
        long[] nextProgressNanos = {System.nanoTime() + SnapshotDownload.PROGRESS_INTERVAL_NANOS};
        return bytesRead -> {
            long nowNanos = System.nanoTime();
            if (nowNanos >= nextProgressNanos[0]) {
                progress.printf(Locale.ROOT, "restoring: %.1f of %.1f MiB (%d%%)%n", bytesRead / BYTES_PER_MEBIBYTE,
                        totalBytes / BYTES_PER_MEBIBYTE, bytesRead * 100 / Math.max(1, totalBytes));
                nextProgressNanos[0] = nowNanos + SnapshotDownload.PROGRESS_INTERVAL_NANOS;
            }
        };
    }
}
