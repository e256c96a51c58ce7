package io.raftkv.server;

import io.raftkv.core.Invariants;
import io.raftkv.core.NoSpaceAlarm;
import io.raftkv.core.command.AnnounceResult;
import io.raftkv.core.command.ClearNoSpaceAlarm;
import io.raftkv.core.command.InternalCommand;
import io.raftkv.core.command.RaiseNoSpaceAlarm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps a node from running out of disk space in the middle of a Raft log append, which Ratis treats as fatal for the
 * log. Each {@link #run()} (every {@link #POLL_INTERVAL_MILLIS}) measures the usable space of the data directory's
 * file system. Below the reserve, the node proposes a NO_SPACE alarm for itself; the alarm is replicated, and while
 * any alarm is active every node refuses client writes ({@link NoSpaceRefusal}). Once free space is back above the
 * reserve plus a margin, the node clears its alarm and writes resume. The margin keeps the alarm from flapping when
 * free space hovers around the reserve.
 *
 * <p>The guard reconciles what it wants with what the replicated state holds on every run, so a proposal that failed
 * (no leader at that moment) is simply made again on the next run, and an alarm left behind by an earlier run of this
 * node (restarted with a larger disk, or with the guard off) is cleared.
 */
final class DiskGuard implements Runnable {
    /** Four measurements a second: a burst of writes cannot eat much of a reserve between two of them. */
    static final long POLL_INTERVAL_MILLIS = 250;
    /** The alarm clears only above the reserve plus this share of it (or {@link #CLEAR_MARGIN_BYTES_MIN})... */
    static final int CLEAR_MARGIN_PERCENT = 10;
    /** ...and at least this much above it, so that a small reserve still has a band that stops flapping. */
    static final long CLEAR_MARGIN_BYTES_MIN = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(DiskGuard.class);

    /** Where free space comes from: the data directory's file store in production, a fake in tests. */
    @FunctionalInterface
    interface FreeSpace {
        long usableBytes() throws IOException;
    }

    private final String nodeId;
    private final Path directory;
    private final long reserveBytes;
    private final FreeSpace freeSpace;
    private final Supplier<List<NoSpaceAlarm>> activeAlarms;
    private final Function<InternalCommand<AnnounceResult>, CompletableFuture<AnnounceResult>> propose;
    private final AtomicBoolean proposalInFlight = new AtomicBoolean();
    /** What the last run decided; null until the first run, which starts from the replicated state. */
    private Boolean wantsAlarm;

    /**
     * @param reserveBytes 0 turns raising off; an alarm this node raised earlier is still cleared
     * @param activeAlarms the alarms in this node's replica
     * @param propose      sends a command to the Raft log, bypassing the write gate
     */
    DiskGuard(String nodeId, Path directory, long reserveBytes, FreeSpace freeSpace,
              Supplier<List<NoSpaceAlarm>> activeAlarms,
              Function<InternalCommand<AnnounceResult>, CompletableFuture<AnnounceResult>> propose) {
        Invariants.check(reserveBytes >= 0, "reserveBytes must not be negative, was %d", reserveBytes);
        this.nodeId = nodeId;
        this.directory = directory;
        this.reserveBytes = reserveBytes;
        this.freeSpace = freeSpace;
        this.activeAlarms = activeAlarms;
        this.propose = propose;
    }

    /** The free space of the file system that holds {@code directory}, as this process may use it. */
    static FreeSpace fileStoreOf(Path directory) throws IOException {
        FileStore store = Files.getFileStore(directory);
        return store::getUsableSpace;
    }

    /** Free space at or above this clears the alarm. */
    long clearThresholdBytes() {
        if (reserveBytes == 0) {
            return 0;
        }
        return reserveBytes + Math.max(reserveBytes / 100 * CLEAR_MARGIN_PERCENT, CLEAR_MARGIN_BYTES_MIN);
    }

    @Override
    public void run() {
        long freeBytes = measure();
        boolean replicated = activeAlarms.get().stream().anyMatch(alarm -> alarm.nodeId().equals(nodeId));
        boolean before = wantsAlarm == null ? replicated : wantsAlarm;
        boolean wanted = decide(before, freeBytes);
        if (wanted != before || wantsAlarm == null && wanted) {
            logChange(wanted, freeBytes);
        }
        wantsAlarm = wanted;
        if (wanted != replicated && proposalInFlight.compareAndSet(false, true)) {
            InternalCommand<AnnounceResult> command = wanted
                    ? new RaiseNoSpaceAlarm(new NoSpaceAlarm(nodeId, freeBytes, reserveBytes, directory.toString()))
                    : new ClearNoSpaceAlarm(nodeId);
            // A failed proposal (no leader right now) is made again on the next run, which sees it did not apply.
            propose.apply(command).whenComplete((result, failure) -> proposalInFlight.set(false));
        }
    }

    private boolean decide(boolean alarmBefore, long freeBytes) {
        if (freeBytes < reserveBytes) {
            return true;
        }
        return alarmBefore && freeBytes < clearThresholdBytes();
    }

    private long measure() {
        try {
            return freeSpace.usableBytes();
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read the free space of " + directory, failure);
        }
    }

    private void logChange(boolean raised, long freeBytes) {
        if (raised) {
            LOG.warn("node {}: NO_SPACE alarm raised: {} free on {}, below the {} reserve (--disk-reserve); the "
                            + "cluster refuses writes until space is freed there (reads still work)", nodeId,
                    ByteSizeText.describe(freeBytes), directory, ByteSizeText.describe(reserveBytes));
        } else {
            LOG.info("node {}: NO_SPACE alarm cleared: {} free on {}, at least {} (the reserve plus a margin); writes "
                    + "resume", nodeId, ByteSizeText.describe(freeBytes), directory,
                    ByteSizeText.describe(clearThresholdBytes()));
        }
    }
}
