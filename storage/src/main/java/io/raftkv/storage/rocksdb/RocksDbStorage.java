package io.raftkv.storage.rocksdb;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.storage.ConsistentView;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.StorageException;
import io.raftkv.storage.StorageTransaction;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The durable engine: one RocksDB database, a column family per key space. Commits go through the write-ahead log
 * without an fsync each, so a process crash loses nothing committed and {@link #sync()} covers a machine crash.
 *
 * <p>Every call into the database holds the read lock; a restore swaps the whole database under the write lock, after
 * waiting for open views, so nothing ever reads a closed database.
 */
public final class RocksDbStorage implements StorageEngine {
    /** How long a restore or close waits for open views; a view open this long is a leak, not a reader. */
    static final long VIEWS_CLOSED_WAIT_MILLIS_MAX = 30_000;

    private final RestoreDirectories directories;
    private final RocksDbOptions options;
    private final WriteOptions commitOptions;
    private final ReadOptions readOptions;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object viewsMonitor = new Object();
    private final AtomicBoolean transactionOpen = new AtomicBoolean();
    /** Guarded by {@link #lock}: replaced by a restore, null once closed. */
    private RocksDbHandles handles;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** Guarded by {@link #viewsMonitor}. */
    private int openViewCount;

    private RocksDbStorage(RestoreDirectories directories, RocksDbOptions options, RocksDbHandles handles) {
        this.directories = directories;
        this.options = options;
        this.handles = handles;
        // The write-ahead log stays on; skipping the fsync keeps commits fast while a killed process still loses
        // nothing, because the log is already in the operating system's page cache.
        this.commitOptions = new WriteOptions().setSync(false).setDisableWAL(false);
        this.readOptions = new ReadOptions();
    }

    /** Opens or creates the database in {@code directory}, first repairing whatever a crash during a restore left. */
    public static RocksDbStorage open(Path directory) {
        RestoreDirectories directories = RestoreDirectories.of(directory);
        try {
            directories.repairAfterCrash();
        } catch (IOException failure) {
            throw new StorageException("cannot repair the directories of " + directories.live() + " after a crash",
                    failure);
        }
        RocksDbOptions options = new RocksDbOptions();
        try {
            return new RocksDbStorage(directories, options, RocksDbHandles.open(directories.live(), options));
        } catch (StorageException failure) {
            options.close();
            throw failure;
        }
    }

    @Override
    public Optional<Bytes> get(Keyspace keyspace, Bytes key) {
        byte[] value = underReadLock(() -> RocksDbCall.run("get",
                () -> liveHandles().database().get(liveHandles().handle(keyspace), readOptions, key.unsafeArray())));
        return Optional.ofNullable(value).map(Bytes::wrap);
    }

    @Override
    public void scan(Keyspace keyspace, Bytes start, Optional<Bytes> end, ScanVisitor visitor) {
        underReadLock(() -> {
            RocksDbHandles live = liveHandles();
            RocksDbScan.visit(live.database().newIterator(live.handle(keyspace), readOptions), start, end, visitor);
            return null;
        });
    }

    @Override
    public ConsistentView openView() {
        return underReadLock(() -> {
            synchronized (viewsMonitor) {
                openViewCount++;
            }
            return new RocksDbView(liveHandles(), this::viewClosed);
        });
    }

    @Override
    public StorageTransaction begin() {
        Invariants.check(transactionOpen.compareAndSet(false, true), "a transaction is already open");
        return new RocksDbTransaction(this);
    }

    @Override
    public void restoreSnapshot(InputStream in) throws IOException {
        Invariants.check(!transactionOpen.get(), "restore while a transaction is open");
        directories.deleteRestoring();
        try {
            SnapshotImport.build(directories.restoring(), options, in);
        } catch (IOException | RuntimeException failure) {
            directories.deleteRestoring();
            throw failure;
        }
        lock.writeLock().lock();
        try {
            awaitViewsClosedBeforeSwap();
            liveHandles().close();
            handles = null;
            directories.swapInRestored();
            handles = RocksDbHandles.open(directories.live(), options);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void sync() {
        underReadLock(() -> RocksDbCall.run("sync of the write-ahead log", () -> {
            liveHandles().database().flushWal(true);
            return null;
        }));
    }

    @Override
    public String kind() {
        return "rocksdb";
    }

    /** Table files plus memtables: right after a burst of writes the data is all still in memtables. */
    @Override
    public long approximateSizeBytes() {
        return underReadLock(() -> {
            long total = 0;
            for (ColumnFamilyHandle handle : liveHandles().allHandles()) {
                total += longProperty(handle, "rocksdb.estimate-live-data-size");
                total += longProperty(handle, "rocksdb.cur-size-all-mem-tables");
            }
            return total;
        });
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            Invariants.check(!transactionOpen.get(), "engine closed while a transaction is open");
            awaitViewsClosed();
            closed = true;
            // A restore that failed half-way through its swap has already closed the database.
            if (handles != null) {
                handles.close();
                handles = null;
            }
            readOptions.close();
            commitOptions.close();
            options.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    Optional<Bytes> getThroughBatch(WriteBatchWithIndex batch, Keyspace keyspace, Bytes key) {
        byte[] value = underReadLock(() -> RocksDbCall.run("get in a transaction", () -> batch.getFromBatchAndDB(
                liveHandles().database(), liveHandles().handle(keyspace), readOptions, key.unsafeArray())));
        return Optional.ofNullable(value).map(Bytes::wrap);
    }

    void scanThroughBatch(WriteBatchWithIndex batch, Keyspace keyspace, Bytes start, Optional<Bytes> end,
                          ScanVisitor visitor) {
        underReadLock(() -> {
            ColumnFamilyHandle handle = liveHandles().handle(keyspace);
            // The merged iterator owns the base iterator and frees it when closed.
            RocksDbScan.visit(batch.newIteratorWithBase(handle,
                    liveHandles().database().newIterator(handle, readOptions), readOptions), start, end, visitor);
            return null;
        });
    }

    void putInBatch(WriteBatchWithIndex batch, Keyspace keyspace, Bytes key, Bytes value) {
        underReadLock(() -> RocksDbCall.run("put in a transaction", () -> {
            batch.put(liveHandles().handle(keyspace), key.unsafeArray(), value.unsafeArray());
            return null;
        }));
    }

    void deleteInBatch(WriteBatchWithIndex batch, Keyspace keyspace, Bytes key) {
        underReadLock(() -> RocksDbCall.run("delete in a transaction", () -> {
            batch.delete(liveHandles().handle(keyspace), key.unsafeArray());
            return null;
        }));
    }

    void write(WriteBatchWithIndex batch) {
        underReadLock(() -> RocksDbCall.run("commit", () -> {
            liveHandles().database().write(commitOptions, batch);
            return null;
        }));
    }

    void transactionClosed() {
        Invariants.check(transactionOpen.compareAndSet(true, false), "closed a transaction that was not open");
    }

    private void viewClosed() {
        synchronized (viewsMonitor) {
            openViewCount--;
            viewsMonitor.notifyAll();
        }
    }

    private void awaitViewsClosedBeforeSwap() throws IOException {
        try {
            awaitViewsClosed();
        } catch (StorageException viewsStillOpen) {
            directories.deleteRestoring();
            throw viewsStillOpen;
        }
    }

    /** Called under the write lock, so no new view can open while this waits. */
    private void awaitViewsClosed() {
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(VIEWS_CLOSED_WAIT_MILLIS_MAX);
        synchronized (viewsMonitor) {
            while (openViewCount > 0) {
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (remainingMillis <= 0) {
                    throw new StorageException(openViewCount + " views of " + directories.live()
                            + " stayed open for " + VIEWS_CLOSED_WAIT_MILLIS_MAX + " ms; the database cannot close");
                }
                try {
                    viewsMonitor.wait(remainingMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("interrupted while waiting for views of " + directories.live()
                            + " to close", interrupted);
                }
            }
        }
    }

    private long longProperty(ColumnFamilyHandle handle, String property) {
        return RocksDbCall.run("read of " + property,
                () -> liveHandles().database().getLongProperty(handle, property));
    }

    private RocksDbHandles liveHandles() {
        Invariants.check(handles != null, "the rocksdb engine at %s is closed", directories.live());
        return handles;
    }

    private <T> T underReadLock(Supplier<T> read) {
        lock.readLock().lock();
        try {
            return read.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
