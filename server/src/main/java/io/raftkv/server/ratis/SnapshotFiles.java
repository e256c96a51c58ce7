package io.raftkv.server.ratis;

import io.raftkv.statemachine.SnapshotView;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Snapshot files, written off Ratis' apply thread. On the apply thread {@link #takeSnapshot} only pins a
 * {@link SnapshotView} (cheap); a writer thread streams it to a temporary file, fsyncs it, saves its MD5, renames it
 * into place and fsyncs the directory, and only then registers it as the latest snapshot. {@link #takeSnapshot}
 * answers the index of the latest COMPLETED snapshot, because Ratis purges its log up to the index it is given: it
 * must never pass a snapshot whose rename might not survive a power loss.
 *
 * <p>It never throws from {@link #takeSnapshot}: Ratis calls it again after every applied batch while the log is long,
 * so a throw there repeats forever (and once filled a disk with log lines). A failed write is logged once and tried
 * again at a later trigger, after a delay that doubles with each failure in a row; a failed write leaves no partial
 * snapshot behind, only a temporary file that is deleted at once or, after a crash, at the next start.
 */
final class SnapshotFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);
    /** Temporary files carry this suffix; Ratis' snapshot pattern does not match them, so it never loads one. */
    static final String WRITING_SUFFIX = ".writing";
    static final long RETRY_DELAY_MILLIS_MIN = 1_000;
    static final long RETRY_DELAY_MILLIS_MAX = 60_000;
    private static final int BUFFER_BYTES = 1 << 20;

    /** The file operations a snapshot needs: a seam so tests can fail each step and see the directory fsync. */
    interface Disk {
        OutputStream create(Path file) throws IOException;

        void forceFile(Path file) throws IOException;

        /** Saves {@code digest} as the MD5 file of {@code snapshotFile}, atomically and durably. */
        void saveDigest(Path snapshotFile, MD5Hash digest) throws IOException;

        void moveAtomically(Path from, Path to) throws IOException;

        void forceDirectory(Path directory) throws IOException;

        void deleteIfExists(Path file) throws IOException;

        static Disk local() {
            return new LocalDisk();
        }
    }

    /** Where completed snapshots are registered: Ratis' {@link SimpleStateMachineStorage} in production. */
    interface Catalog {
        /** The index of the latest snapshot on disk, written here or installed from the leader; -1 if none. */
        long latestIndex();

        void completed(SingleFileSnapshotInfo snapshot) throws IOException;
    }

    private final String nodeId;
    private final Path directory;
    private final Disk disk;
    private final Catalog catalog;
    private final Executor writers;
    private final LongSupplier nanoClock;

    /** The write in progress, or null. Guarded by this. */
    private Write running;
    /** Set while Ratis installs a snapshot from the leader (which replaces the directory) and after close. */
    private boolean suspended;
    private boolean closed;
    private int failuresInARow;
    private long nextAttemptNanos;

    SnapshotFiles(String nodeId, Path directory, Disk disk, Catalog catalog, Executor writers,
                  LongSupplier nanoClock) {
        this.nodeId = nodeId;
        this.directory = directory;
        this.disk = disk;
        this.catalog = catalog;
        this.writers = writers;
        this.nanoClock = nanoClock;
    }

    /** A writer thread per snapshot: a platform thread, since it spends its time in file I/O. */
    static Executor writerThreads(String nodeId) {
        return task -> Thread.ofPlatform().daemon().name(nodeId + "-snapshot-writer").start(task);
    }

    /** Deletes temporary files a crash left in the middle of a write; nothing ever reads them. */
    void deleteLeftovers() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "*" + WRITING_SUFFIX)) {
            for (Path leftover : leftovers) {
                LOG.info("{}: deleting {}, left by a snapshot write that did not finish", nodeId, leftover);
                disk.deleteIfExists(leftover);
            }
        }
    }

    /**
     * Called on Ratis' apply thread when it wants a snapshot: starts writing one of the current state unless a write
     * is running, a failed one is still waiting out its delay, or there is nothing new, and answers the index of the
     * latest completed snapshot (-1 if none). Never throws.
     *
     * @param ratisAppliedIndex what Ratis counts as applied; while it replays entries the database already holds,
     *                          the database is ahead of it and no snapshot is started (Ratis refuses an index it has
     *                          not applied yet)
     */
    long takeSnapshot(Supplier<SnapshotView> views, long ratisAppliedIndex) {
        try {
            startIfDue(views, ratisAppliedIndex);
        } catch (RuntimeException failure) {
            recordFailure("could not start a snapshot", failure);
        }
        return latestCompletedIndex();
    }

    private long latestCompletedIndex() {
        try {
            return catalog.latestIndex();
        } catch (RuntimeException failure) {
            LOG.warn("{}: could not read the latest snapshot index; answering none", nodeId, failure);
            return -1;
        }
    }

    private synchronized void startIfDue(Supplier<SnapshotView> views, long ratisAppliedIndex) {
        if (closed || suspended || running != null || nanoClock.getAsLong() - nextAttemptNanos < 0) {
            return;
        }
        SnapshotView view = views.get();
        if (view.appliedIndex() < 1 || view.appliedIndex() <= catalog.latestIndex()
                || view.appliedIndex() > ratisAppliedIndex) {
            view.close();
            return;
        }
        Write write = new Write(view, nanoClock.getAsLong());
        running = write;
        try {
            writers.execute(() -> run(write));
        } catch (RuntimeException notStarted) {
            running = null;
            view.close();
            throw notStarted;
        }
    }

    private void run(Write write) {
        TermIndex position = TermIndex.valueOf(write.view.appliedTerm(), write.view.appliedIndex());
        Path target = directory.resolve(SimpleStateMachineStorage.getSnapshotFileName(position.getTerm(),
                position.getIndex()));
        Path temporary = directory.resolve(target.getFileName() + WRITING_SUFFIX);
        try {
            long bytes = writeFile(write, target, temporary);
            catalog.completed(new SingleFileSnapshotInfo(new FileInfo(target, write.digest), position));
            recordSuccess();
            LOG.info("{}: snapshot at index {} (term {}, revision {}): {} bytes in {} ms, written off the apply thread",
                    nodeId, position.getIndex(), position.getTerm(), write.view.revision(), bytes,
                    TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - write.startNanos));
        } catch (IOException | RuntimeException failure) {
            deleteQuietly(temporary);
            if (write.cancelled) {
                LOG.info("{}: snapshot write at index {} cancelled", nodeId, position.getIndex());
            } else {
                recordFailure("writing the snapshot at index " + position.getIndex() + " failed", failure);
            }
        } finally {
            write.view.close();
            synchronized (this) {
                running = null;
            }
            write.done.countDown();
        }
    }

    /**
     * The order makes a crash at any step harmless: the file is complete and fsynced before it gets its final name, its
     * MD5 is saved before that (so a visible snapshot always has one), and the directory is fsynced before anyone,
     * Ratis' log purge included, learns of the snapshot.
     */
    private long writeFile(Write write, Path target, Path temporary) throws IOException {
        MessageDigest md5 = MD5FileUtil.newMD5();
        long bytes;
        try (CancellableStream out = new CancellableStream(new DigestOutputStream(
                new BufferedOutputStream(disk.create(temporary), BUFFER_BYTES), md5), write)) {
            write.view.writeTo(out);
            bytes = out.bytes;
        }
        write.digest = MD5Hash.newInstance(md5.digest());
        disk.forceFile(temporary);
        write.checkNotCancelled();
        disk.saveDigest(target, write.digest);
        disk.moveAtomically(temporary, target);
        disk.forceDirectory(directory);
        return bytes;
    }

    private synchronized void recordSuccess() {
        failuresInARow = 0;
        nextAttemptNanos = nanoClock.getAsLong();
    }

    private synchronized void recordFailure(String what, Exception failure) {
        failuresInARow++;
        // Doubling stops long before the shift could overflow: 2^16 s is far beyond the maximum.
        long delayMillis = Math.min(RETRY_DELAY_MILLIS_MAX, RETRY_DELAY_MILLIS_MIN << Math.min(failuresInARow - 1, 16));
        nextAttemptNanos = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        LOG.warn("{}: {} ({} in a row); the log is kept and a trigger after {} ms tries again", nodeId, what,
                failuresInARow, delayMillis, failure);
    }

    private void deleteQuietly(Path temporary) {
        try {
            disk.deleteIfExists(temporary);
        } catch (IOException | RuntimeException failure) {
            LOG.warn("{}: could not delete {}; the next start deletes it", nodeId, temporary, failure);
        }
    }

    /**
     * Ratis is about to install a snapshot from the leader, which replaces the snapshot directory: cancels a running
     * write, waits until its thread is out of the directory, and starts no other until {@link #resume}.
     */
    void suspend() {
        cancelRunning(false);
        awaitIdle();
    }

    synchronized void resume() {
        suspended = false;
    }

    /** Cancels a running write and waits for it; the log still holds everything after the last completed one. */
    void close() {
        cancelRunning(true);
        awaitIdle();
    }

    /** Starts no more writes, and tells a running one to stop at its next buffer. */
    synchronized void cancelRunning(boolean forGood) {
        suspended = true;
        closed |= forGood;
        if (running != null) {
            running.cancelled = true;
        }
    }

    /** Returns once no write is running. */
    void awaitIdle() {
        Write write;
        synchronized (this) {
            write = running;
        }
        if (write != null) {
            write.awaitDone();
        }
    }

    /** One snapshot being written: its pinned view, and whether it was cancelled. */
    private static final class Write {
        final SnapshotView view;
        final long startNanos;
        final CountDownLatch done = new CountDownLatch(1);
        volatile boolean cancelled;
        MD5Hash digest;

        Write(SnapshotView view, long startNanos) {
            this.view = view;
            this.startNanos = startNanos;
        }

        void checkNotCancelled() throws InterruptedIOException {
            if (cancelled) {
                throw new InterruptedIOException("snapshot write cancelled");
            }
        }

        /** Waits through interrupts: returning while the writer is still in the directory is what must not happen. */
        void awaitDone() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException interruption) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Counts the bytes and stops the write at the next buffer once it is cancelled. */
    private static final class CancellableStream extends FilterOutputStream {
        private final Write write;
        private long bytes;

        CancellableStream(OutputStream out, Write write) {
            super(out);
            this.write = write;
        }

        @Override
        public void write(int oneByte) throws IOException {
            write.checkNotCancelled();
            out.write(oneByte);
            bytes++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            write.checkNotCancelled();
            out.write(buffer, offset, length);
            bytes += length;
        }
    }

    private static final class LocalDisk implements Disk {
        @Override
        public OutputStream create(Path file) throws IOException {
            return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        }

        @Override
        public void forceFile(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }

        @Override
        public void saveDigest(Path snapshotFile, MD5Hash digest) throws IOException {
            MD5FileUtil.saveMD5File(snapshotFile.toFile(), digest);
        }

        @Override
        public void moveAtomically(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
            Files.deleteIfExists(file);
        }
    }
}
