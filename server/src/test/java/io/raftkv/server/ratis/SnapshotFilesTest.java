package io.raftkv.server.ratis;

import io.raftkv.core.Bytes;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.statemachine.KvStateMachine;
import io.raftkv.statemachine.SnapshotView;
import io.raftkv.storage.memory.MemoryStorage;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotFilesTest {
    private static final long TERM = 3;
    private static final long NOTHING = -1;
    /** Ratis' applied index in most tests: ahead of anything the machine holds, as after configuration entries. */
    private static final long RATIS_AHEAD = Long.MAX_VALUE;

    @TempDir
    Path directory;

    private final KvStateMachine machine = new KvStateMachine(MemoryStorage.create(),
            KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
    private final Supplier<SnapshotView> views = machine::openSnapshotView;
    private final RecordingCatalog catalog = new RecordingCatalog();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final QueuedExecutor queued = new QueuedExecutor();

    @Test
    void answersTheLatestCompletedIndexWhileAWriteIsRunningAndTheNewOneOnceItCompleted() {
        applyPuts(5);
        SnapshotFiles files = files(new RecordingDisk(), queued);

        assertThat(files.takeSnapshot(views, RATIS_AHEAD)).as("while the first write is pending").isEqualTo(NOTHING);
        applyPuts(3);
        assertThat(files.takeSnapshot(views, RATIS_AHEAD)).as("a second trigger while it runs").isEqualTo(NOTHING);
        assertThat(queued.tasks).as("writes started").hasSize(1);

        queued.runAll();

        assertThat(files.takeSnapshot(views, RATIS_AHEAD)).isEqualTo(5);
        assertThat(queued.tasks).as("the trigger after completion starts the next write").hasSize(1);
        queued.runAll();
        assertThat(files.takeSnapshot(views, RATIS_AHEAD)).isEqualTo(8);
    }

    @Test
    void claimsThePositionOfItsViewAndHoldsExactlyThatState() throws IOException {
        applyPuts(5);
        long revisionAtView = machine.revision();
        SnapshotFiles files = files(new RecordingDisk(), queued);
        files.takeSnapshot(views, RATIS_AHEAD);
        applyPuts(4);

        queued.runAll();

        SingleFileSnapshotInfo snapshot = catalog.completed.getFirst();
        assertThat(snapshot.getIndex()).isEqualTo(5);
        assertThat(snapshot.getTerm()).isEqualTo(TERM);
        Path file = snapshot.getFile().getPath();
        assertThat(file.getFileName().toString()).isEqualTo(SimpleStateMachineStorage.getSnapshotFileName(TERM, 5));
        MD5FileUtil.verifySavedMD5(file.toFile(), snapshot.getFile().getFileDigest());
        KvStateMachine restored = new KvStateMachine(MemoryStorage.create(),
                KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
        try (InputStream in = Files.newInputStream(file)) {
            restored.storage().restoreSnapshot(in);
        }
        restored.reload();
        assertThat(restored.appliedIndex()).isEqualTo(5);
        assertThat(restored.revision()).isEqualTo(revisionAtView);
    }

    @Test
    void fsyncsTheFileBeforeTheRenameAndTheDirectoryBeforeTheSnapshotCounts() {
        applyPuts(2);
        RecordingDisk disk = new RecordingDisk();
        SnapshotFiles files = files(disk, Runnable::run);

        files.takeSnapshot(views, RATIS_AHEAD);

        assertThat(disk.operations).containsExactly("create", "forceFile", "saveDigest", "move",
                "forceDirectory " + directory, "completed");
    }

    @Test
    void aFailedWriteNeverThrowsLeavesNoFileAndCountsNothing() throws IOException {
        applyPuts(2);
        RecordingDisk disk = new RecordingDisk();
        disk.failWritesAfterBytes = 10;
        SnapshotFiles files = files(disk, Runnable::run);

        assertThat(files.takeSnapshot(views, RATIS_AHEAD)).isEqualTo(NOTHING);

        assertThat(catalog.completed).isEmpty();
        assertThat(filesIn(directory)).isEmpty();
    }

    @Test
    void aFailedDirectoryFsyncDoesNotCountTheSnapshot() {
        applyPuts(2);
        RecordingDisk disk = new RecordingDisk();
        disk.failDirectoryFsync = true;
        SnapshotFiles files = files(disk, Runnable::run);

        assertThat(files.takeSnapshot(views, RATIS_AHEAD)).isEqualTo(NOTHING);

        assertThat(catalog.completed).isEmpty();
    }

    @Test
    void aFailedWriteIsTriedAgainOnlyAfterADelayThatDoublesWithEachFailure() {
        applyPuts(2);
        RecordingDisk disk = new RecordingDisk();
        disk.failWritesAfterBytes = 0;
        SnapshotFiles files = files(disk, Runnable::run);

        files.takeSnapshot(views, RATIS_AHEAD);
        advanceMillis(SnapshotFiles.RETRY_DELAY_MILLIS_MIN - 1);
        files.takeSnapshot(views, RATIS_AHEAD);
        assertThat(disk.creates).as("tries within the first delay").isEqualTo(1);
        advanceMillis(1);
        files.takeSnapshot(views, RATIS_AHEAD);
        assertThat(disk.creates).as("tries once the first delay passed").isEqualTo(2);
        advanceMillis(2 * SnapshotFiles.RETRY_DELAY_MILLIS_MIN - 1);
        files.takeSnapshot(views, RATIS_AHEAD);
        assertThat(disk.creates).as("tries within the doubled delay").isEqualTo(2);

        disk.failWritesAfterBytes = Long.MAX_VALUE;
        advanceMillis(1);
        assertThat(files.takeSnapshot(views, RATIS_AHEAD)).isEqualTo(2);
    }

    @Test
    void aViewThatCannotBeOpenedIsNotThrownToRatis() {
        SnapshotFiles files = files(new RecordingDisk(), Runnable::run);
        Supplier<SnapshotView> broken = () -> {
            throw new IllegalStateException("view opened on a closed engine");
        };

        assertThat(files.takeSnapshot(broken, RATIS_AHEAD)).isEqualTo(NOTHING);
    }

    @Test
    void startsNoWriteWhileRatisReplaysEntriesTheDatabaseAlreadyHolds() {
        applyPuts(6);
        SnapshotFiles files = files(new RecordingDisk(), queued);

        files.takeSnapshot(views, 4);

        assertThat(queued.tasks).isEmpty();
    }

    @Test
    void startsNoWriteWhenNothingWasAppliedSinceTheLatestSnapshot() {
        applyPuts(3);
        catalog.latestIndex = 3;
        SnapshotFiles files = files(new RecordingDisk(), queued);

        assertThat(files.takeSnapshot(views, RATIS_AHEAD)).isEqualTo(3);

        assertThat(queued.tasks).isEmpty();
    }

    @Test
    void suspendCancelsARunningWriteWaitsForItAndStartsNoOtherUntilResumed() throws Exception {
        applyPuts(3);
        RecordingDisk disk = new RecordingDisk();
        disk.createEntered = new CountDownLatch(1);
        disk.createMayReturn = new CountDownLatch(1);
        SnapshotFiles files = files(disk, task -> Thread.ofPlatform().start(task));
        files.takeSnapshot(views, RATIS_AHEAD);
        assertThat(disk.createEntered.await(1, TimeUnit.MINUTES)).as("the writer reached create").isTrue();

        files.cancelRunning(false);
        disk.createMayReturn.countDown();
        files.awaitIdle();

        assertThat(catalog.completed).isEmpty();
        assertThat(filesIn(directory)).as("files after a cancelled write").isEmpty();
        files.takeSnapshot(views, RATIS_AHEAD);
        assertThat(disk.creates).as("writes started while suspended").isEqualTo(1);

        disk.createEntered = null;
        files.resume();
        files.takeSnapshot(views, RATIS_AHEAD);
        files.awaitIdle();
        assertThat(files.takeSnapshot(views, RATIS_AHEAD)).isEqualTo(3);
    }

    @Test
    void deletesTemporaryFilesACrashLeft() throws IOException {
        Path leftover = Files.writeString(directory.resolve("snapshot.1_10" + SnapshotFiles.WRITING_SUFFIX), "half");
        Path kept = Files.writeString(directory.resolve("snapshot.1_5"), "whole");

        files(new RecordingDisk(), Runnable::run).deleteLeftovers();

        assertThat(filesIn(directory)).containsExactly(kept);
        assertThat(leftover).doesNotExist();
    }

    private SnapshotFiles files(SnapshotFiles.Disk disk, Executor executor) {
        if (disk instanceof RecordingDisk recording) {
            catalog.operations = recording.operations;
        }
        return new SnapshotFiles("n1", directory, disk, catalog, executor, nanos::get);
    }

    private void applyPuts(int count) {
        for (int i = 0; i < count; i++) {
            long index = machine.appliedIndex() + 1;
            Put put = Put.of(Bytes.utf8("key-" + index), Bytes.utf8("value-" + index));
            machine.apply(index, TERM, new LogEntry(1_000 + index, List.of(Request.of(put))));
        }
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    /** Runs the writes only when the test says so. */
    private static final class QueuedExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.remove().run();
            }
        }
    }

    private static final class RecordingCatalog implements SnapshotFiles.Catalog {
        final List<SingleFileSnapshotInfo> completed = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        long latestIndex = NOTHING;

        @Override
        public synchronized long latestIndex() {
            return latestIndex;
        }

        @Override
        public synchronized void completed(SingleFileSnapshotInfo snapshot) {
            operations.add("completed");
            completed.add(snapshot);
            latestIndex = snapshot.getIndex();
        }
    }

    /** The real file operations, recorded, with failures and a pause on demand. */
    private static final class RecordingDisk implements SnapshotFiles.Disk {
        private final SnapshotFiles.Disk local = SnapshotFiles.Disk.local();
        final List<String> operations = new ArrayList<>();
        volatile long failWritesAfterBytes = Long.MAX_VALUE;
        volatile boolean failDirectoryFsync;
        volatile CountDownLatch createEntered;
        volatile CountDownLatch createMayReturn;
        volatile int creates;

        @Override
        public OutputStream create(Path file) throws IOException {
            operations.add("create");
            creates++;
            if (createEntered != null) {
                createEntered.countDown();
                awaitUninterruptibly(createMayReturn);
            }
            return new FailingStream(local.create(file), failWritesAfterBytes);
        }

        @Override
        public void forceFile(Path file) throws IOException {
            operations.add("forceFile");
            local.forceFile(file);
        }

        @Override
        public void saveDigest(Path snapshotFile, MD5Hash digest) throws IOException {
            operations.add("saveDigest");
            local.saveDigest(snapshotFile, digest);
        }

        @Override
        public void moveAtomically(Path from, Path to) throws IOException {
            operations.add("move");
            local.moveAtomically(from, to);
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            operations.add("forceDirectory " + directory);
            if (failDirectoryFsync) {
                throw new IOException("injected: fsync of the directory failed");
            }
            local.forceDirectory(directory);
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
            local.deleteIfExists(file);
        }

        private static void awaitUninterruptibly(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Fails once more than a given number of bytes were written, as a full disk does. */
    private static final class FailingStream extends OutputStream {
        private final OutputStream out;
        private final long bytesMax;
        private long bytes;

        FailingStream(OutputStream out, long bytesMax) {
            this.out = out;
            this.bytesMax = bytesMax;
        }

        @Override
        public void write(int oneByte) throws IOException {
            write(new byte[] {(byte) oneByte}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            if (bytes + length > bytesMax) {
                throw new IOException("injected: no space left on device");
            }
            out.write(buffer, offset, length);
            bytes += length;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
