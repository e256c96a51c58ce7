package io.raftkv.server;

import io.raftkv.api.ClusterMember;
import io.raftkv.api.KvService;
import io.raftkv.api.NodeStatus;
import io.raftkv.api.ServiceException;
import io.raftkv.core.Invariants;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.Announce;
import io.raftkv.core.command.ClientCommand;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.InternalCommand;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.MemberAddresses;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import io.raftkv.server.ratis.RatisSettings;
import io.raftkv.server.ratis.RatisStateMachine;
import io.raftkv.statemachine.KvStateMachine;
import io.raftkv.storage.StorageEngine;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One raftkv node: a Ratis server over the state machine, and the {@link KvService} the front ends call. This class
 * wires; the parts it wires do the work.
 */
public final class RaftKvNode implements KvService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftKvNode.class);
    /** Where Ratis keeps the log and its snapshots, inside the data directory. */
    static final String RAFT_SUBDIRECTORY = "raft";
    /**
     * Between attempts of the node's Ratis client (leader transfers, step-down requests) to reach a leader; attempts
     * continue until the request timeout. Writes do not use this client's retries: see {@link ProposalSender}. After a
     * leader crash a new leader answers "not ready" until its first entry applies; each sleep is time the request
     * waits after the cluster could take it, and an attempt costs a loopback or LAN round trip, so the sleeps are short.
     */
    static final long RETRY_SLEEP_MILLIS = 20;
    static final long ANNOUNCE_RETRY_MILLIS = 1_000;
    /** How long a leader asked to step down may take, in election timeouts, at least the floor below. */
    static final int STEP_DOWN_TIMEOUT_ELECTION_TIMEOUTS = 2;
    static final long STEP_DOWN_TIMEOUT_MILLIS_MIN = 2_000;

    private final NodeConfig config;
    /** The cluster id as a Raft group id: one group per cluster, so two clusters never exchange Raft messages. */
    private final ClusterIdentity identity;
    private final RaftServer server;
    private final RaftClient writeClient;
    private final RatisStateMachine stateMachine;
    /**
     * Resends batches that met no ready leader, and completes batches whose results the apply thread handed over:
     * its own thread, so that nothing else can hold these up and no caller's work runs on Ratis' apply thread.
     */
    private final ScheduledExecutorService resends;
    private final LeaderChanges leaderChanges;
    private final ProposalSender sender;
    private final ProposalBatcher batcher;
    private final BackgroundWork background;
    private final LeaderTransfer leaderTransfer;
    private final NodeMembership membership;
    private final CatchUpWatch catchUp;
    private final StatusView statusView;
    private final Reader reader;
    /** Identifies requests this node hands to its own Ratis server, without a network hop. */
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong localCallId = new AtomicLong();
    private final NodeLifecycle lifecycle;

    private RaftKvNode(NodeConfig config, ClusterIdentity identity, RaftServer server, RaftClient writeClient,
                       RatisStateMachine stateMachine, NodeLifecycle lifecycle) {
        this.config = config;
        this.identity = identity;
        this.server = server;
        this.writeClient = writeClient;
        this.stateMachine = stateMachine;
        this.lifecycle = lifecycle;
        this.resends = Executors.newSingleThreadScheduledExecutor(
                runnable -> daemonThread(runnable, "raftkv-proposals-" + config.nodeId()));
        this.leaderChanges = new LeaderChanges(resends);
        this.sender = new ProposalSender(server, identity.groupId(), RaftPeerId.valueOf(config.nodeId()),
                writeClient.getClientRpc(), leaderChanges, resends, config.requestTimeoutMillis());
        this.batcher = new ProposalBatcher(sender::send, ServiceErrors::forWrite);
        this.background = new BackgroundWork(config.nodeId());
        this.leaderTransfer = new LeaderTransfer(config, writeClient, this::status);
        this.membership = new NodeMembership(config, server, identity.groupId(), this::memberHttpAddresses,
                lifecycle::removedFromCluster);
        this.catchUp = new CatchUpWatch(config.nodeId(), this::observeCatchUp, System::currentTimeMillis);
        this.statusView = new StatusView(config, identity, server, stateMachine.machine(), catchUp::caughtUp);
        this.reader = new Reader(config, server, identity.groupId(), stateMachine,
                NodeMembership.knownPeers(server, identity.groupId(), config.peers()));
    }

    private static Thread daemonThread(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    public static RaftKvNode start(NodeConfig config) throws IOException {
        ClusterIdentity identity = DataDirectoryCheck.establish(config);
        Path raftDirectory = Files.createDirectories(config.dataDirectory().resolve(RAFT_SUBDIRECTORY));
        boolean raftStorageWasEmpty = isEmpty(raftDirectory);
        KvStateMachine machine = DataDirectoryDamage.openMachine(config);
        StorageEngine engine = machine.storage();
        NodeLifecycle lifecycle = new NodeLifecycle();
        NodeEvents events = new NodeEvents(lifecycle);
        RatisStateMachine stateMachine = new RatisStateMachine(machine, System::currentTimeMillis, config.nodeId(),
                lifecycle::stateMachineClosed, events);
        // A joining node starts in no configuration, so it never campaigns; the cluster adds it (MemberJoin).
        RaftGroup group = RaftGroup.valueOf(identity.groupId(), config.join().isPresent() ? List.of()
                : config.peers().stream().map(RaftKvNode::toRaftPeer).toList());
        RaftServer server = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(config.nodeId()))
                .setGroup(group)
                .setProperties(RatisSettings.serverProperties(config, raftDirectory.toFile()))
                .setStateMachine(stateMachine)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
        DataDirectoryDamage.startRatis(server, machine, config);
        RaftClient writeClient = RaftClient.newBuilder()
                .setProperties(RatisSettings.clientProperties(config))
                .setRaftGroup(RaftGroup.valueOf(identity.groupId(),
                        NodeMembership.knownPeers(server, identity.groupId(), config.peers())))
                .setClientId(ClientId.randomId())
                .setRetryPolicy(retryPolicy(config))
                .build();
        RaftKvNode node = new RaftKvNode(config, identity, server, writeClient, stateMachine, lifecycle);
        events.connect(node.membership::stopServing, node.leaderChanges::changed);
        stateMachine.deliverLocallyTo(node.sender::deliver);
        node.membership.start();
        node.catchUp.start();
        node.startBackgroundWork();
        // A joining node is sent the log once the cluster adds it; until then an empty log is expected.
        if (raftStorageWasEmpty && config.join().isEmpty()) {
            new EmptyLogWatch(config, node::status, node.lifecycle::closing,
                    leader -> node.requestStepDown(RaftPeerId.valueOf(leader)), node.background).start();
        }
        LOG.info("node {} of cluster {} started: raft {}, storage {} in {}", config.nodeId(), identity.clusterId(),
                config.self().address(), engine.kind(), config.dataDirectory());
        return node;
    }

    /**
     * Retry while there is no leader or the leader moves, with a fixed pause, as many times as fit in the request
     * timeout. Ratis resends with the same call id, so its retry cache applies a resent batch once.
     */
    private static RetryPolicy retryPolicy(NodeConfig config) {
        int attempts = (int) Math.max(1, config.requestTimeoutMillis() / RETRY_SLEEP_MILLIS);
        return RetryPolicies.retryUpToMaximumCountWithFixedSleep(attempts,
                TimeDuration.valueOf(RETRY_SLEEP_MILLIS, TimeUnit.MILLISECONDS));
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private void requestStepDown(RaftPeerId leader) {
        try {
            writeClient.admin().transferLeadership(null, leader, NodeConfig.electionTimeoutsAtLeast(
                    config.electionTimeoutMillis(), STEP_DOWN_TIMEOUT_ELECTION_TIMEOUTS, STEP_DOWN_TIMEOUT_MILLIS_MIN));
        } catch (IOException refused) {
            LOG.info("node {}: leader {} did not step down: {}", config.nodeId(), leader, refused.getMessage());
        }
    }

    /**
     * Completes if the node stopped working without being asked to: the process should then exit with an error
     * instead of answering requests it can no longer serve.
     */
    public CompletableFuture<String> stoppedUnexpectedly() {
        return lifecycle.stoppedUnexpectedly();
    }

    /**
     * Completes, with the reason, once this node learns it is no longer a member of its cluster (it was removed), or
     * that the cluster refused to let it join. The process should then stop: its data dir no longer belongs to a
     * member.
     */
    public CompletableFuture<String> removedFromCluster() {
        return lifecycle.removed();
    }

    /** Visible for tests: resends a batch with a call id already used. */
    ProposalSender proposalSender() {
        return sender;
    }

    /** The Raft group this node serves: its cluster id. */
    RaftGroupId groupId() {
        return identity.groupId();
    }

    private static RaftPeer toRaftPeer(NodeConfig.Peer peer) {
        return RaftPeer.newBuilder().setId(peer.id()).setAddress(peer.address()).build();
    }

    private void startBackgroundWork() throws IOException {
        // Each task on a thread of its own (BackgroundWork): the initializing-member watch may block in a leader
        // transfer for two election timeouts, which must not hold up sweeps or the disk guard.
        ExpirySweeper sweeper = new ExpirySweeper(stateMachine.machine(), this::isLeader, System::currentTimeMillis,
                this::propose);
        background.every("expiry-sweeper", ExpirySweeper.SWEEP_INTERVAL_MILLIS, ExpirySweeper.SWEEP_INTERVAL_MILLIS,
                sweeper);
        DiskGuard diskGuard = new DiskGuard(config.nodeId(), config.dataDirectory(), config.diskReserveBytes(),
                DiskGuard.fileStoreOf(config.dataDirectory()), stateMachine.machine()::noSpaceAlarms,
                this::propose);
        background.every("disk-guard", 0, DiskGuard.POLL_INTERVAL_MILLIS, diskGuard);
        RemovedMemberAlarms removedMemberAlarms = new RemovedMemberAlarms(config.nodeId(), this::isLeader,
                stateMachine.machine()::noSpaceAlarms, this::configuredMemberIds, this::propose);
        background.every("removed-member-alarms", DiskGuard.POLL_INTERVAL_MILLIS, DiskGuard.POLL_INTERVAL_MILLIS,
                removedMemberAlarms);
        InitializingMemberWatch initializingWatch = new InitializingMemberWatch(config.nodeId(),
                config.electionTimeoutMillis(), this::observeInitializing,
                leader -> requestStepDown(RaftPeerId.valueOf(leader)), System::currentTimeMillis);
        background.every("initializing-member-watch", config.electionTimeoutMillis(), config.electionTimeoutMillis(),
                initializingWatch);
    }

    /** The leader's commit index, then this node's applied index; empty while no leader answers. */
    private Optional<CatchUpWatch.Observation> observeCatchUp() {
        MembershipView view;
        try {
            view = membership.operations().leaderView();
        } catch (ServiceException noLeaderAnswers) {
            return Optional.empty();
        }
        return Optional.of(new CatchUpWatch.Observation(view.leaderId(), view.leaderCommitIndex(),
                stateMachine.machine().appliedIndex()));
    }

    private InitializingMemberWatch.Observation observeInitializing() {
        return new InitializingMemberWatch.Observation(raftInitializing(),
                configuredMemberIds().contains(config.nodeId()), status().leaderId());
    }

    /** Whether Ratis still runs this node in its start-up state (see {@link InitializingMemberWatch}). */
    boolean raftInitializing() {
        try {
            return server.getDivision(groupId()).getInfo().getLifeCycleState() == LifeCycle.State.STARTING;
        } catch (IOException notStarted) {
            return false;
        }
    }

    /** Voters and learners of the stored configuration; empty while the server has not started. */
    private Set<String> configuredMemberIds() {
        return NodeMembership.configuredMemberIds(server, groupId());
    }

    /**
     * Records this node's HTTP address in the replicated state so that every node can list it. Retries in the
     * background until a leader accepts it; returns at once.
     */
    public void announceHttpAddress(String hostPort) {
        background.once("announce", 0, () -> announce(hostPort));
    }

    private void announce(String hostPort) {
        Map<String, String> known = memberHttpAddresses();
        if (hostPort.equals(known.get(config.nodeId()))) {
            return;
        }
        propose(new Announce(config.nodeId(), hostPort))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        background.once("announce", ANNOUNCE_RETRY_MILLIS, () -> announce(hostPort));
                    }
                });
    }

    /**
     * The node's own proposals (sweeps, alarms, its address) take this path, not {@link #write}: no session, and no
     * NO_SPACE gate, since clearing an alarm and reclaiming space must go on while client writes are refused. Tests
     * in this package use it to stand in for another node's proposals.
     */
    <R extends Result> CompletableFuture<R> propose(InternalCommand<R> command) {
        return batcher.submit(command, Optional.empty());
    }

    private RaftClientRequest localRequest(Message message, RaftClientRequest.Type type) {
        return RaftClientRequest.newBuilder()
                .setClientId(localClientId)
                .setServerId(RaftPeerId.valueOf(config.nodeId()))
                .setGroupId(groupId())
                .setCallId(localCallId.incrementAndGet())
                .setMessage(message)
                .setType(type)
                .build();
    }

    private static byte[] contentOrThrow(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new CompletionException(reply.getException());
        }
        return reply.getMessage().getContent().toByteArray();
    }

    @Override
    public <R extends Result> CompletableFuture<R> write(ClientCommand<R> command, Optional<ClientSession> session) {
        Optional<ServiceException> noSpace = NoSpaceRefusal.of(stateMachine.machine().noSpaceAlarms());
        if (noSpace.isPresent()) {
            return CompletableFuture.failedFuture(noSpace.get());
        }
        return batcher.submit(command, session)
                .orTimeout(config.requestTimeoutMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(writeFailure(failure)));
    }

    /** A result the command cannot produce is a bug, reported as one rather than as a write of unknown outcome. */
    private static Throwable writeFailure(Throwable failure) {
        Throwable cause = ServiceErrors.unwrap(failure);
        return cause instanceof Invariants.InvariantViolation bug ? bug : ServiceErrors.forWrite(failure);
    }

    @Override
    public <R extends QueryResult> CompletableFuture<R> read(Query<R> query, ReadConsistency consistency) {
        return switch (consistency) {
            case SERIALIZABLE -> serializableRead(query);
            case LINEARIZABLE -> linearizableRead(query);
        };
    }

    private <R extends QueryResult> CompletableFuture<R> serializableRead(Query<R> query) {
        try {
            return CompletableFuture.completedFuture(stateMachine.machine().query(query));
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(ServiceErrors.forRead(failure));
        }
    }

    /** raftkv's own ReadIndex on any node; see {@link Reader} for why not Ratis'. */
    private <R extends QueryResult> CompletableFuture<R> linearizableRead(Query<R> query) {
        return reader.linearizable(query);
    }

    private boolean isLeader() {
        try {
            return server.getDivision(groupId()).getInfo().isLeader();
        } catch (IOException notStarted) {
            return false;
        }
    }

    private Map<String, String> memberHttpAddresses() {
        return stateMachine.machine().memberHttpAddresses();
    }

    @Override
    public NodeStatus status() {
        return statusView.status();
    }

    @Override
    public CompletableFuture<String> transferLeadership(String targetNodeId) {
        return leaderTransfer.transferTo(targetNodeId);
    }

    @Override
    public CompletableFuture<List<ClusterMember>> members() {
        return membership.operations().members();
    }

    @Override
    public CompletableFuture<List<ClusterMember>> addMember(String id, String raftAddress, boolean learner) {
        return membership.operations().add(id, raftAddress, learner);
    }

    @Override
    public CompletableFuture<List<ClusterMember>> promoteMember(String id) {
        return membership.operations().promote(id);
    }

    @Override
    public CompletableFuture<List<ClusterMember>> removeMember(String id, boolean force) {
        return membership.operations().remove(id, force);
    }

    /**
     * The barrier is a ReadIndex read: Ratis answers it only once this node has applied everything committed when it
     * started, so the storage view opened afterwards holds every write acknowledged before the call. The storage
     * engine streams from its own consistent view, so applies continue meanwhile and the file still describes one
     * position, recorded in its META records.
     */
    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        try {
            linearizableRead(new MemberAddresses()).join();
        } catch (CompletionException failure) {
            throw ServiceErrors.forRead(failure);
        }
        stateMachine.machine().storage().writeSnapshot(out);
    }

    @Override
    public void close() {
        lifecycle.startClosing();
        background.close();
        catchUp.close();
        leaderTransfer.close();
        membership.close();
        batcher.close();
        resends.shutdownNow();
        reader.close();
        try {
            writeClient.close();
        } catch (IOException failure) {
            LOG.warn("node {}: closing the Ratis client failed: {}", config.nodeId(), failure.toString());
        }
        try {
            server.close();
        } catch (IOException failure) {
            LOG.warn("node {}: closing the Ratis server failed: {}", config.nodeId(), failure.toString());
        }
        LOG.info("node {} stopped", config.nodeId());
    }
}
