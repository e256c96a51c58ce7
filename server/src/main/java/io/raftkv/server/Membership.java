package io.raftkv.server;

import io.raftkv.api.ClusterMember;
import io.raftkv.api.ServiceException;
import io.raftkv.server.ratis.RatisSettings;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Lists and changes the cluster's members through Ratis' admin API, from any node. Every operation starts from the
 * leader's own view (its configuration, and when it last heard from each member), fetched over Ratis' group-info
 * call, so a request that reaches a follower decides exactly as the leader would. Changes are compare-and-set: if
 * the configuration moved between the look and the change, the leader refuses and the caller gets a retryable
 * error. Admin calls block, so they run on a thread of their own, one at a time.
 */
final class Membership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);
    /** A voter counts as reachable if the leader heard from it within this many election timeouts. */
    static final int ALIVE_WITHIN_ELECTION_TIMEOUTS = 3;
    /**
     * ...and at least this long: a follower on a busy machine can be silent for a second or two and still be
     * perfectly reachable, and calling it unreachable refuses a removal that is safe.
     */
    static final long ALIVE_WITHIN_MILLIS_MIN = 3_000;
    /** Between attempts of an admin call to reach a leader, in election timeouts, at least the floor below. */
    static final int ADMIN_RETRY_SLEEP_ELECTION_TIMEOUTS = 1;
    /** Admin calls are not urgent: with this floor their attempts cover an election on a loaded machine. */
    static final long ADMIN_RETRY_SLEEP_MILLIS_MIN = 1_000;
    /**
     * Bounds one change. Adding a member makes the leader send it the log (or a snapshot) before the change commits,
     * which takes as long as copying the data set.
     */
    static final long CHANGE_TIMEOUT_MILLIS = 300_000;
    /** Attempts to reach a leader for one admin call; Ratis' client waits between them. */
    static final int ADMIN_ATTEMPTS_MAX = 10;
    /** Between two looks at the leader's configuration while the outcome of a failed change is unknown. */
    static final long OUTCOME_POLL_MILLIS = 200;

    private final String nodeId;
    private final RaftGroupId groupId;
    private final long aliveWithinMillis;
    private final RaftClient adminClient;
    private final Supplier<Collection<RaftPeer>> knownPeers;
    private final Supplier<Optional<String>> localLeader;
    private final Supplier<Map<String, String>> httpAddresses;
    private final ExecutorService executor;

    /**
     * @param knownPeers    members this node knows of (its configuration, else the ones it was started with), to
     *                      find the leader through
     * @param localLeader   the leader this node knows of, if any
     * @param httpAddresses announced HTTP addresses by node id
     */
    Membership(NodeConfig config, RaftGroupId groupId, Supplier<Collection<RaftPeer>> knownPeers,
               Supplier<Optional<String>> localLeader, Supplier<Map<String, String>> httpAddresses) {
        this.nodeId = config.nodeId();
        this.groupId = groupId;
        this.aliveWithinMillis = aliveWithinMillis(config.electionTimeoutMillis());
        this.knownPeers = knownPeers;
        this.localLeader = localLeader;
        this.httpAddresses = httpAddresses;
        RaftProperties properties = RatisSettings.clientProperties(config);
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties,
                TimeDuration.valueOf(CHANGE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        this.adminClient = RaftClient.newBuilder()
                .setProperties(properties)
                .setRaftGroup(RaftGroup.valueOf(groupId, knownPeers.get()))
                .setClientId(ClientId.randomId())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(ADMIN_ATTEMPTS_MAX,
                        TimeDuration.valueOf(NodeConfig.electionTimeoutsAtLeast(config.electionTimeoutMillis(),
                                ADMIN_RETRY_SLEEP_ELECTION_TIMEOUTS, ADMIN_RETRY_SLEEP_MILLIS_MIN),
                                TimeUnit.MILLISECONDS)))
                .build();
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "raftkv-membership-" + config.nodeId());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** How recently the leader must have heard from a voter for it to count as reachable. */
    static long aliveWithinMillis(long electionTimeoutMillis) {
        return NodeConfig.electionTimeoutsAtLeast(electionTimeoutMillis, ALIVE_WITHIN_ELECTION_TIMEOUTS,
                ALIVE_WITHIN_MILLIS_MIN);
    }

    /** See {@link KvService#members()}. */
    CompletableFuture<List<ClusterMember>> members() {
        return onOwnThread(ignored -> leaderView().members(httpAddresses.get()));
    }

    /** See {@link KvService#addMember}. */
    CompletableFuture<List<ClusterMember>> add(String id, String raftAddress, boolean learner) {
        return change(view -> view.add(id, raftAddress, learner));
    }

    /** See {@link KvService#promoteMember}. */
    CompletableFuture<List<ClusterMember>> promote(String id) {
        return change(view -> view.promote(id));
    }

    /** See {@link KvService#removeMember}. */
    CompletableFuture<List<ClusterMember>> remove(String id, boolean force) {
        return change(view -> view.remove(id, force, aliveWithinMillis));
    }

    private CompletableFuture<List<ClusterMember>> change(Function<MembershipView, MembershipView.Change> decide) {
        return onOwnThread(ignored -> {
            MembershipView view = leaderView();
            MembershipView.Change change = decide.apply(view);
            apply(view, change);
            LOG.info("node {}: membership change committed: {}", nodeId, change.description());
            // Not asked again: when this node removed itself it may stop before a new leader could answer.
            return view.membersAfter(change, httpAddresses.get());
        });
    }

    private <T> CompletableFuture<T> onOwnThread(Function<Void, T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> work.apply(null), executor)
                    .orTimeout(CHANGE_TIMEOUT_MILLIS * 2, TimeUnit.MILLISECONDS)
                    .exceptionallyCompose(failure -> CompletableFuture.failedFuture(ServiceErrors.forRead(failure)));
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.failedFuture(new ServiceException(ServiceException.Kind.UNAVAILABLE,
                    "node " + nodeId + " is stopping", stopping));
        }
    }

    private void apply(MembershipView view, MembershipView.Change change) {
        SetConfigurationRequest.Arguments arguments = SetConfigurationRequest.Arguments.newBuilder()
                .setServersInNewConf(toPeers(change.voters()))
                .setListenersInNewConf(toPeers(change.learners()))
                .setServersInCurrentConf(toPeers(view.voters()))
                .setListenersInCurrentConf(toPeers(view.learners()))
                .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
                .build();
        adminClient.getClientRpc().addRaftPeers(toPeers(change.voters()));
        RaftClientReply reply;
        try {
            reply = adminClient.admin().setConfiguration(arguments);
        } catch (IOException failed) {
            awaitOutcome(change, unavailable(change.description() + " failed: " + failed.getMessage(), failed));
            return;
        }
        if (!reply.isSuccess()) {
            awaitOutcome(change, unavailable(change.description() + " failed: " + reply.getException(),
                    reply.getException()));
        }
    }

    /**
     * A failed admin call does not mean the change was dropped: the leader may have appended it and commit it later
     * (a forced removal waits for a voter to come back; the client may have given up first). Until the leader's
     * configuration is stable again, the outcome is unknown; then the change either is in it (success) or is not
     * (the failure stands, and a retry is safe).
     */
    private void awaitOutcome(MembershipView.Change change, ServiceException failure) {
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHANGE_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadlineNanos) {
            Optional<MembershipView> view = stableLeaderView();
            if (view.isPresent()) {
                if (view.get().holds(change)) {
                    return;
                }
                throw failure;
            }
            try {
                Thread.sleep(OUTCOME_POLL_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
        throw new ServiceException(ServiceException.Kind.TIMEOUT, failure.getMessage()
                + "; the change may still be committed later: look at `raftkv member list`", failure);
    }

    /** The leader's view once no change is being committed; empty while one is, or while no leader answers. */
    private Optional<MembershipView> stableLeaderView() {
        try {
            MembershipView view = leaderView();
            return view.transitional() ? Optional.empty() : Optional.of(view);
        } catch (ServiceException noLeaderYet) {
            return Optional.empty();
        }
    }

    /**
     * The leader's view: asks the leader this node knows of, else every known member, and follows the leader each
     * one names. Blocking.
     */
    MembershipView leaderView() {
        Collection<RaftPeer> peers = knownPeers.get();
        adminClient.getClientRpc().addRaftPeers(peers);
        Deque<String> candidates = new ArrayDeque<>();
        localLeader.get().ifPresent(candidates::add);
        peers.forEach(peer -> candidates.add(peer.getId().toString()));
        Set<String> asked = new HashSet<>();
        String lastProblem = "no member known";
        while (!candidates.isEmpty()) {
            String candidate = candidates.removeFirst();
            if (!asked.add(candidate)) {
                continue;
            }
            GroupInfoReply reply;
            try {
                reply = adminClient.getGroupManagementApi(RaftPeerId.valueOf(candidate)).info(groupId);
            } catch (IOException | RuntimeException unreachable) {
                lastProblem = candidate + ": " + unreachable.getMessage();
                continue;
            }
            RoleInfoProto role = reply.getRoleInfoProto();
            if (role.getRole() == RaftPeerRole.LEADER && reply.getConf().isPresent()) {
                return toView(candidate, reply);
            }
            if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
                RaftPeerProto leader = role.getFollowerInfo().getLeaderInfo().getId();
                if (!leader.getAddress().isEmpty()) {
                    adminClient.getClientRpc().addRaftPeers(List.of(toRaftPeer(leader)));
                }
                candidates.addFirst(leader.getId().toStringUtf8());
            }
            lastProblem = candidate + " is " + role.getRole() + " and knows no leader";
        }
        throw unavailable("no leader found to ask about the membership (last: " + lastProblem + ")", null);
    }

    private static MembershipView toView(String leaderId, GroupInfoReply reply) {
        RaftConfigurationProto configuration = reply.getConf().orElseThrow();
        Map<String, Long> commitIndexById = new HashMap<>();
        for (CommitInfoProto commit : reply.getCommitInfos()) {
            commitIndexById.put(commit.getServer().getId().toStringUtf8(), commit.getCommitIndex());
        }
        Map<String, Long> lastContactMillisById = new HashMap<>();
        for (ServerRpcProto follower : reply.getRoleInfoProto().getLeaderInfo().getFollowerInfoList()) {
            lastContactMillisById.put(follower.getId().getId().toStringUtf8(), follower.getLastRpcElapsedTimeMs());
        }
        boolean transitional = configuration.getOldPeersCount() > 0 || configuration.getOldListenersCount() > 0;
        return new MembershipView(leaderId, entries(configuration.getPeersList()),
                entries(configuration.getListenersList()), transitional,
                commitIndexById.getOrDefault(leaderId, 0L), commitIndexById, lastContactMillisById);
    }

    private static List<MembershipView.Entry> entries(List<RaftPeerProto> peers) {
        return peers.stream().map(peer -> new MembershipView.Entry(peer.getId().toStringUtf8(), peer.getAddress()))
                .toList();
    }

    private static RaftPeer toRaftPeer(RaftPeerProto peer) {
        return RaftPeer.newBuilder().setId(peer.getId().toStringUtf8()).setAddress(peer.getAddress()).build();
    }

    private static List<RaftPeer> toPeers(List<MembershipView.Entry> entries) {
        return entries.stream()
                .map(entry -> RaftPeer.newBuilder().setId(entry.id()).setAddress(entry.raftAddress()).build())
                .toList();
    }

    private static ServiceException unavailable(String message, Throwable cause) {
        return new ServiceException(ServiceException.Kind.UNAVAILABLE, message, cause);
    }

    /** Unwraps a failure from {@link #members()} and friends for callers that block. */
    static ServiceException asServiceException(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof ServiceException service ? service : ServiceErrors.forRead(cause);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            adminClient.close();
        } catch (IOException failure) {
            LOG.warn("node {}: closing the membership client failed: {}", nodeId, failure.toString());
        }
    }
}
