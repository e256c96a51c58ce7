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
import org.apache.ratis.server.storage.FileInfo;
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
import org.apache.ratis.io.MD5Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
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
    /** Hears, at least once, that this node is no longer a member; see {@link #onRemovedFromCluster}. */
    private volatile Consumer<String> removalListener = reason -> { };
    /** Hears that writing the Raft log failed; see {@link #onLogFailed}. */
    private volatile Consumer<String> logFailureListener = reason -> { };
    /** Answers a follower's request for a read index; fails until the node wires its reader in. */
    private volatile Supplier<CompletableFuture<Long>> readIndexSource = () -> CompletableFuture.failedFuture(
            new IllegalStateException("this node does not answer read index questions yet"));
    /** Hears each advance of the applied index; see {@link #onApplied}. */
    private volatile LongConsumer appliedListener = index -> { };
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
     * Ratis calls this on its apply thread, so no entry is applied while the snapshot is written: the file holds
     * exactly the state at the returned index. The storage engine streams from a consistent view.
     */
    @Override
    public long takeSnapshot() throws IOException {
        long startNanos = System.nanoTime();
        TermIndex last = getLastAppliedTermIndex();
        File target = snapshotStorage.getSnapshotFile(last.getTerm(), last.getIndex());
        File temporary = new File(target.getParentFile(), target.getName() + ".writing");
        machine.storage().sync();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary.toPath()),
                SNAPSHOT_BUFFER_BYTES)) {
            machine.storage().writeSnapshot(out);
        }
        try (FileChannel channel = FileChannel.open(temporary.toPath(), StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE);
        MD5Hash digest = MD5FileUtil.computeAndSaveMd5ForFile(target);
        snapshotStorage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), digest), last));
        snapshotStorage.cleanupOldSnapshots(retainedSnapshots());
        LOG.info("{}: snapshot at {} ({} bytes, revision {}) written in {} ms; applies waited meanwhile", nodeId, last,
                target.length(), machine.revision(), (System.nanoTime() - startNanos) / 1_000_000);
        return last.getIndex();
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
     * Ratis pauses the state machine before it installs a snapshot sent by the leader. Before that, appends still in
     * flight must drain, or Ratis' log writer trips over them (see {@link LogQuiescence}).
     */
    @Override
    public void pause() {
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

    /** After a snapshot from the leader was installed: replace the database with it. */
    @Override
    public void reinitialize() throws IOException {
        getLifeCycle().transition(LifeCycle.State.STARTING);
        SingleFileSnapshotInfo snapshot = snapshotStorage.loadLatestSnapshot();
        Invariants.check(snapshot != null, "%s: reinitialize without a snapshot on disk", nodeId);
        if (snapshot.getIndex() > machine.appliedIndex()) {
            LOG.info("{}: installing snapshot {} received from the leader", nodeId, snapshot.getTermIndex());
            restore(snapshot);
        }
        setLastAppliedTermIndex(snapshot.getTermIndex());
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
        getLifeCycle().checkStateAndClose(() -> machine.storage().close());
        closeListener.run();
    }
}
