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
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

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
    /** Takes the results of the batches this node submitted to itself; see {@link #deliverLocallyTo}. */
    private volatile LocalDelivery localDelivery = (clientId, callId, results) -> false;
    /** Ratis' notifications, turned into the node's {@link RaftEvents}. */
    private final RaftEventAdapter events;
    /** Set in {@link #initialize}, when Ratis has told us where snapshots live. */
    private volatile SnapshotFiles snapshots;
    /** Answers a follower's request for a read index; fails until the node wires its reader in. */
    private volatile Supplier<CompletableFuture<Long>> readIndexSource = () -> CompletableFuture.failedFuture(
            new IllegalStateException("this node does not answer read index questions yet"));
    /** Hears each advance of the applied index; see {@link #onApplied}. */
    private volatile LongConsumer appliedListener = index -> { };

    /**
     * @param closeListener runs after every close, whether the node is stopping or Ratis gave up on the state machine
     * @param events        hears leader changes, removal from the cluster and a failed Raft log
     */
    public RatisStateMachine(KvStateMachine machine, LongSupplier clockMillis, String nodeId, Runnable closeListener,
                             RaftEvents events) {
        this.machine = machine;
        this.clockMillis = clockMillis;
        this.nodeId = nodeId;
        this.closeListener = closeListener;
        this.events = new RaftEventAdapter(nodeId, events);
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
        StateMachineLogEntryProto stateMachineEntry = logEntry.getStateMachineLogEntry();
        LogEntry entry = CommandCodec.decodeEntry(stateMachineEntry.getLogData().toByteArray());
        List<Result> results = machine.apply(index, term, entry);
        updateLastAppliedTermIndex(term, index);
        if (localDelivery.deliver(stateMachineEntry.getClientId(), stateMachineEntry.getCallId(), results)) {
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(ResultCodec.encodeAll(results))));
    }

    /** Hands an applied entry's results to the node that proposed it, if it is waiting on this node. */
    @FunctionalInterface
    public interface LocalDelivery {
        /** Returns true if it took the results: the Ratis reply then carries an empty message. */
        boolean deliver(ByteString clientId, long callId, List<Result> results);
    }

    /**
     * Registers who takes the results of the entries this node's own batches became, instead of Ratis' reply: no
     * encoding on the apply thread and no decoding afterwards. Replies to other nodes' batches stay encoded.
     */
    public void deliverLocallyTo(LocalDelivery delivery) {
        this.localDelivery = delivery;
    }

    /** A query, or one of the questions of raftkv's own ReadIndex (see {@link ReadQuestion}). */
    @Override
    public CompletableFuture<Message> query(Message request) {
        byte[] content = request.getContent().toByteArray();
        Optional<ReadQuestion> question = ReadQuestion.of(content);
        if (question.isPresent()) {
            CompletableFuture<Long> answer = switch (question.get()) {
                case TERM -> CompletableFuture.completedFuture(currentTerm());
                case READ_INDEX -> readIndexSource.get();
            };
            return answer.thenApply(number -> Message.valueOf(ByteString.copyFrom(ReadQuestion.encodeAnswer(number))));
        }
        Query<?> query = QueryCodec.decodeQuery(content);
        return CompletableFuture.completedFuture(
                Message.valueOf(ByteString.copyFrom(QueryCodec.encode(machine.query(query)))));
    }

    private long currentTerm() {
        try {
            return getServer().join().getDivision(getGroupId()).getInfo().getCurrentTerm();
        } catch (IOException noDivision) {
            throw new UncheckedIOException(nodeId + ": no Raft group to answer a term question", noDivision);
        }
    }

    /** Registers who answers a follower's {@link ReadQuestion#READ_INDEX}: the leader's read confirmation. */
    public void answerReadIndexWith(Supplier<CompletableFuture<Long>> source) {
        this.readIndexSource = source;
    }

    /** Registers who hears each advance of the applied index, however it advanced (entry, replay, snapshot). */
    public void onApplied(LongConsumer listener) {
        this.appliedListener = listener;
    }

    @Override
    protected boolean updateLastAppliedTermIndex(TermIndex newTermIndex) {
        boolean updated = super.updateLastAppliedTermIndex(newTermIndex);
        reportApplied(getLastAppliedTermIndex());
        return updated;
    }

    @Override
    protected void setLastAppliedTermIndex(TermIndex newTermIndex) {
        super.setLastAppliedTermIndex(newTermIndex);
        reportApplied(newTermIndex);
    }

    /** BaseStateMachine's constructor sets the applied index before this class's fields exist, hence the null checks. */
    private void reportApplied(TermIndex applied) {
        LongConsumer listener = appliedListener;
        if (listener != null && applied != null) {
            listener.accept(applied.getIndex());
        }
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
        events.leaderChanged(newLeaderId);
    }

    @Override
    public void notifyLeaderReady() {
        events.leaderReady();
    }

    @Override
    public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto configuration) {
        events.configurationChanged(index, configuration);
    }

    /** Writing the Raft log failed: see {@link RaftEvents#logFailed}. */
    @Override
    public void notifyLogFailed(Throwable cause, LogEntryProto failedEntry) {
        events.logFailed(cause, failedEntry);
    }

    @Override
    public void notifyServerShutdown(RoleInfoProto roleInfo, boolean allServer) {
        events.serverShutdown(roleInfo, allServer);
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
