package io.raftkv.server.ratis;

import io.raftkv.core.Invariants;
import io.raftkv.core.codec.CommandCodec;
import io.raftkv.core.codec.QueryCodec;
import io.raftkv.core.codec.ResultCodec;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Query;
import io.raftkv.statemachine.KvStateMachine;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The thin layer between Ratis and the deterministic {@link KvStateMachine}: it stamps the leader's clock into each
 * entry, decodes entries and queries, and maps snapshots to files. All logic lives in {@link KvStateMachine}.
 *
 * <p>Errors follow Ratis' contract: an exception thrown from {@link #applyTransaction} is fatal to the server, which
 * is what we want for an I/O error or corruption. Expected outcomes (not found, a failed compare) are results.
 */
public final class RatisStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(RatisStateMachine.class);
    /** Two snapshots on disk: the newest, and the one before in case the newest is being sent to a follower. */
    private static final int SNAPSHOTS_RETAINED = 2;
    private static final int SNAPSHOT_BUFFER_BYTES = 1 << 20;
    private static final byte[] REPLAYED = ResultCodec.encodeAll(List.of());

    private final SimpleStateMachineStorage snapshotStorage = new SimpleStateMachineStorage();
    private final KvStateMachine machine;
    private final LongSupplier clockMillis;
    private final String nodeId;
    private final Runnable closeListener;
    /** Set in {@link #initialize}, when Ratis has told us where snapshots live. */
    private volatile SnapshotFiles snapshots;
    /** Hears, at least once, that this node is no longer a member; see {@link #onRemovedFromCluster}. */
    private volatile Consumer<String> removalListener = reason -> { };
    /** Hears that writing the Raft log failed; see {@link #onLogFailed}. */
    private volatile Consumer<String> logFailureListener = reason -> { };
    /** Set once a configuration that includes this node is applied, so earlier ones replayed do not count. */
    private volatile boolean wasMember;
    /** The membership last logged: Ratis reports each change more than once (appended, joint, applied). */
    private volatile String lastMembership = "";

    /**
     * @param closeListener runs after every close, whether the node is stopping or Ratis gave up on the state machine
     */
    public RatisStateMachine(KvStateMachine machine, LongSupplier clockMillis, String nodeId, Runnable closeListener) {
        this.machine = machine;
        this.clockMillis = clockMillis;
        this.nodeId = nodeId;
        this.closeListener = closeListener;
    }

    public KvStateMachine machine() {
        return machine;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        snapshotStorage.init(raftStorage);
        snapshots = new SnapshotFiles(nodeId, raftStorage.getStorageDir().getStateMachineDir().toPath(),
                SnapshotFiles.Disk.local(), snapshotCatalog(), SnapshotFiles.writerThreads(nodeId), System::nanoTime);
        snapshots.deleteLeftovers();
        getLifeCycle().startAndTransition(this::recoverFromLatestSnapshot);
    }

    /**
     * Ratis replays the log from the newest snapshot's index, so the applied index we report starts there, even when
     * the database already holds later entries (it skips those on replay). If the database is behind the snapshot (an
     * in-memory engine after a restart, or a database lost with its disk), the snapshot is the truth, because the Raft
     * log before it has been purged.
     */
    private void recoverFromLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = snapshotStorage.loadLatestSnapshot();
        if (snapshot == null) {
            return;
        }
        if (snapshot.getIndex() > machine.appliedIndex()) {
            LOG.info("{}: loading snapshot {} (database applied index {})", nodeId, snapshot.getTermIndex(),
                    machine.appliedIndex());
            restore(snapshot);
        }
        setLastAppliedTermIndex(snapshot.getTermIndex());
    }

    private void restore(SingleFileSnapshotInfo snapshot) throws IOException {
        File file = snapshot.getFile().getPath().toFile();
        MD5FileUtil.verifySavedMD5(file, snapshot.getFile().getFileDigest());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.toPath()), SNAPSHOT_BUFFER_BYTES)) {
            machine.storage().restoreSnapshot(in);
        }
        machine.reload();
        LOG.info("{}: restored snapshot {}: revision {}, applied index {}", nodeId, snapshot.getTermIndex(),
                machine.revision(), machine.appliedIndex());
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return snapshotStorage;
    }

    /** Runs on the leader only: this is where the leader's clock enters the log, so every replica sees one time. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        byte[] proposal = request.getMessage().getContent().toByteArray();
        byte[] entry = CommandCodec.stampEntry(clockMillis.getAsLong(), proposal);
        return TransactionContext.newBuilder()
                .setStateMachine(this)
                .setClientRequest(request)
                .setLogData(ByteString.copyFrom(entry))
                .build();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
        LogEntryProto logEntry = transaction.getLogEntry();
        long index = logEntry.getIndex();
        long term = logEntry.getTerm();
        if (index <= machine.appliedIndex()) {
            // Ratis replays from the last snapshot; the database already holds these entries.
            updateLastAppliedTermIndex(term, index);
            return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(REPLAYED)));
        }
        LogEntry entry = CommandCodec.decodeEntry(logEntry.getStateMachineLogEntry().getLogData().toByteArray());
        List<Result> results = machine.apply(index, term, entry);
        updateLastAppliedTermIndex(term, index);
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(ResultCodec.encodeAll(results))));
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        Query<?> query = QueryCodec.decodeQuery(request.getContent().toByteArray());
        return CompletableFuture.completedFuture(
                Message.valueOf(ByteString.copyFrom(QueryCodec.encode(machine.query(query)))));
    }

    /**
     * Ratis calls this on its apply thread. Only a view of the state is pinned here; {@link SnapshotFiles} writes it on
     * another thread, so applies go on meanwhile. The answer is the index of the latest COMPLETED snapshot, since Ratis
     * purges its log up to it. Never throws: a throw here makes Ratis call again after every applied batch, forever.
     */
    @Override
    public long takeSnapshot() {
        TermIndex applied = getLastAppliedTermIndex();
        return snapshots.takeSnapshot(machine::openSnapshotView,
                applied == null ? RaftLog.INVALID_LOG_INDEX : applied.getIndex());
    }

    private SnapshotFiles.Catalog snapshotCatalog() {
        return new SnapshotFiles.Catalog() {
            @Override
            public long latestIndex() {
                SingleFileSnapshotInfo latest = snapshotStorage.getLatestSnapshot();
                return latest == null ? RaftLog.INVALID_LOG_INDEX : latest.getIndex();
            }

            @Override
            public void completed(SingleFileSnapshotInfo snapshot) throws IOException {
                // Not needed for safety (a database behind the snapshot is restored from it at start), but it keeps
                // the database durable past the point Ratis may now purge, so a restart after a power loss replays
                // nothing and restores nothing. The writer thread pays for it, not the apply thread.
                machine.storage().sync();
                snapshotStorage.updateLatestSnapshot(snapshot);
                snapshotStorage.cleanupOldSnapshots(retainedSnapshots());
            }
        };
    }

    private static SnapshotRetentionPolicy retainedSnapshots() {
        return new SnapshotRetentionPolicy() {
            @Override
            public int getNumSnapshotsRetained() {
                return SNAPSHOTS_RETAINED;
            }
        };
    }

    /**
     * Ratis pauses the state machine before it installs a snapshot sent by the leader, which replaces the snapshot
     * directory: a snapshot write still running is cancelled and waited for. Appends still in flight must drain too,
     * or Ratis' log writer trips over them (see {@link LogQuiescence}).
     */
    @Override
    public void pause() {
        snapshots.suspend();
        awaitQuietLog();
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    private void awaitQuietLog() {
        RaftLog log;
        try {
            log = getServer().join().getDivision(getGroupId()).getRaftLog();
        } catch (IOException noDivision) {
            throw new UncheckedIOException(nodeId + ": no Raft group to pause", noDivision);
        }
        LogQuiescence.Log view = LogQuiescence.of(() -> log.getLastEntryTermIndex() == null
                ? RaftLog.INVALID_LOG_INDEX : log.getLastEntryTermIndex().getIndex(), log::getFlushIndex);
        try {
            if (!LogQuiescence.await(view, LogQuiescence.systemClock())) {
                LOG.warn("{}: the Raft log was still changing {} ms into a snapshot install; installing anyway",
                        nodeId, LogQuiescence.WAIT_MILLIS_MAX);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(nodeId + ": interrupted while waiting for the log to drain", interrupted);
        }
    }

    /**
     * After a snapshot from the leader was installed: replace the database with it. No snapshot write may run during
     * the restore (pause stopped them; this makes sure), and writes start again once the new state is in place.
     */
    @Override
    public void reinitialize() throws IOException {
        snapshots.suspend();
        getLifeCycle().transition(LifeCycle.State.STARTING);
        SingleFileSnapshotInfo snapshot = snapshotStorage.loadLatestSnapshot();
        Invariants.check(snapshot != null, "%s: reinitialize without a snapshot on disk", nodeId);
        if (snapshot.getIndex() > machine.appliedIndex()) {
            LOG.info("{}: installing snapshot {} received from the leader", nodeId, snapshot.getTermIndex());
            restore(snapshot);
        }
        setLastAppliedTermIndex(snapshot.getTermIndex());
        snapshots.resume();
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        LOG.info("{}: leader is now {}", nodeId, newLeaderId);
    }

    @Override
    public void notifyConfigurationChanged(long term, long index,
                                           RaftConfigurationProto configuration) {
        String membership = "voters " + peerIds(configuration.getPeersList()) + ", learners "
                + peerIds(configuration.getListenersList());
        if (!membership.equals(lastMembership)) {
            lastMembership = membership;
            LOG.info("{}: membership at index {}: {}", nodeId, index, membership);
        }
        boolean member = Stream.concat(configuration.getPeersList().stream(),
                configuration.getListenersList().stream()).anyMatch(peer -> peer.getId().toStringUtf8().equals(nodeId));
        if (member) {
            wasMember = true;
        } else if (wasMember) {
            removalListener.accept("removed from the cluster by the membership change at index " + index);
        }
    }

    private static String peerIds(List<RaftPeerProto> peers) {
        return peers.stream().map(peer -> peer.getId().toStringUtf8()).sorted()
                .collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * Registers who hears that this node was removed from the cluster: when it applies a configuration without
     * itself, or when Ratis shuts its server down because the other members told it, in answer to a vote request,
     * that it is no longer one of them.
     */
    public void onRemovedFromCluster(Consumer<String> listener) {
        this.removalListener = listener;
    }

    /** Registers who hears that writing the Raft log failed: the node must then stop (see {@link #notifyLogFailed}). */
    public void onLogFailed(Consumer<String> listener) {
        this.logFailureListener = listener;
    }

    /**
     * Ratis calls this when writing the Raft log failed: a disk full to the last byte, an I/O error. Its log worker then
     * refuses every later write until the process restarts, so the node would stay up with a replica that no longer
     * moves and reads that grow stale. It must stop loudly instead, as it does when applying an entry fails.
     */
    @Override
    public void notifyLogFailed(Throwable cause, LogEntryProto failedEntry) {
        String where = failedEntry == null ? "" : " at index " + failedEntry.getIndex();
        LOG.error("{}: writing the Raft log failed{}", nodeId, where, cause);
        logFailureListener.accept("writing the Raft log failed" + where + ": " + rootCauseMessage(cause));
    }

    private static String rootCauseMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    @Override
    public void notifyServerShutdown(RoleInfoProto roleInfo, boolean allServer) {
        LOG.info("{}: Ratis server shut down as {}", nodeId, roleInfo.getRole());
        // Ratis shuts down a single server (not all of them) only when an election showed it is not a member.
        if (!allServer) {
            removalListener.accept("the other members no longer count it as a member (it was removed)");
        }
    }

    /**
     * Ratis closes the state machine when the node stops, and also when applying an entry failed: then the node can
     * no longer serve and must not pretend to, so the listener hears of every close.
     */
    @Override
    public void close() throws IOException {
        SnapshotFiles running = snapshots;
        if (running != null) {
            running.close();
        }
        getLifeCycle().checkStateAndClose(() -> machine.storage().close());
        closeListener.run();
    }
}
