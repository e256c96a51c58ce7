package io.raftkv.server;

import io.raftkv.api.ServiceException;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import io.raftkv.server.ratis.RatisSettings;
import io.raftkv.server.ratis.RatisStateMachine;
import io.raftkv.server.ratis.ReadQuestion;
import io.raftkv.server.ratis.DirectRequests;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Linearizable reads, by raftkv's own ReadIndex rather than Ratis': Ratis 3.3.0 skips the leader's heartbeat round
 * when a read's commit index was confirmed once before (ReadIndexHeartbeats.addAppendEntriesListener), so a leader
 * cut off from the others would answer from stale state until it steps down.
 *
 * <p>On the leader, reads are batched into rounds ({@link ReadRounds}): a round captures the commit index (once the
 * leader has committed an entry of its own term), asks every other voter its current term, and confirms when a
 * majority of each configuration reports the leader's term ({@link LeadershipConfirmation}, which says why that is
 * safe). The read then waits until this node has applied up to that index and runs on the local state machine. A
 * follower asks the leader for a confirmed read index (one round trip; the leader runs a round), batching its reads the
 * same way (one question in flight), and waits for its own applied index to reach it.
 */
final class Reader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reader.class);

    private final String nodeId;
    private final RaftServer server;
    private final RaftGroupId groupId;
    private final RatisStateMachine stateMachine;
    private final long requestTimeoutMillis;
    /** A round that has not confirmed within an election timeout will not: the leader would have stepped down. */
    private final long roundTimeoutMillis;
    /** Only its RPC is used: questions go straight to one node each, unordered and never retried. */
    private final RaftClient questions;
    private final AtomicLong callIds = new AtomicLong();
    private final Set<RaftPeerId> peersKnownToQuestions = ConcurrentHashMap.newKeySet();
    /** On the leader: confirmation rounds. */
    private final ReadRounds rounds;
    /** On a follower: questions to the leader, batched the same way, so that one question serves many reads. */
    private final ReadRounds leaderQuestions;
    private final ExecutorService releaser;
    private final AppliedIndexWaiters appliedIndex;

    Reader(NodeConfig config, RaftServer server, RaftGroupId groupId, RatisStateMachine stateMachine,
           List<RaftPeer> knownPeers) {
        this.nodeId = config.nodeId();
        this.server = server;
        this.groupId = groupId;
        this.stateMachine = stateMachine;
        this.requestTimeoutMillis = config.requestTimeoutMillis();
        this.roundTimeoutMillis = config.electionTimeoutMillis();
        this.questions = RaftClient.newBuilder()
                .setProperties(RatisSettings.clientProperties(config))
                .setRaftGroup(RaftGroup.valueOf(groupId, knownPeers))
                .setClientId(ClientId.randomId())
                .build();
        knownPeers.forEach(peer -> peersKnownToQuestions.add(peer.getId()));
        this.rounds = new ReadRounds(this::confirmLeadership, ReadRounds.WAITING_READS_MAX);
        this.leaderQuestions = new ReadRounds(this::askLeaderForReadIndex, ReadRounds.WAITING_READS_MAX);
        this.releaser = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "raftkv-read-" + config.nodeId());
            thread.setDaemon(true);
            return thread;
        });
        this.appliedIndex = new AppliedIndexWaiters(RaftLog.INVALID_LOG_INDEX, releaser,
                AppliedIndexWaiters.WAITERS_MAX);
        stateMachine.onApplied(appliedIndex::applied);
        appliedIndex.applied(stateMachine.getLastAppliedTermIndex().getIndex());
        stateMachine.answerReadIndexWith(this::readIndexForFollower);
    }

    /** A read that sees every write acknowledged before it began, on whichever node it runs. */
    <R extends QueryResult> CompletableFuture<R> linearizable(Query<R> query) {
        return readIndex()
                .thenCompose(appliedIndex::await)
                .thenApply(applied -> stateMachine.machine().query(query))
                .orTimeout(requestTimeoutMillis, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(ServiceErrors.forRead(failure)));
    }

    private CompletableFuture<Long> readIndex() {
        try {
            return server.getDivision(groupId).getInfo().isLeader() ? rounds.next() : leaderQuestions.next();
        } catch (IOException notStarted) {
            return CompletableFuture.failedFuture(notStarted);
        }
    }

    /** On a follower: a read index that the leader confirmed in a round that began after this question arrived. */
    private CompletableFuture<Long> askLeaderForReadIndex() {
        RaftServer.Division division;
        try {
            division = server.getDivision(groupId);
        } catch (IOException notStarted) {
            return CompletableFuture.failedFuture(notStarted);
        }
        RaftPeerId leader = division.getInfo().getLeaderId();
        if (leader == null) {
            return unavailable("no leader is known to node " + nodeId);
        }
        return ask(leader, ReadQuestion.READ_INDEX, division.getRaftConf().getAllPeers())
                .orTimeout(requestTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** On the leader, a follower's question: a read index confirmed by a round that began after it asked. */
    private CompletableFuture<Long> readIndexForFollower() {
        try {
            if (!server.getDivision(groupId).getInfo().isLeader()) {
                return unavailable("node " + nodeId + " is not the leader");
            }
        } catch (IOException notStarted) {
            return CompletableFuture.failedFuture(notStarted);
        }
        return rounds.next();
    }

    /** One round: the commit index, once a majority of voters has confirmed that this node still leads. */
    private CompletableFuture<Long> confirmLeadership() {
        RaftServer.Division division;
        try {
            division = server.getDivision(groupId);
        } catch (IOException notStarted) {
            return CompletableFuture.failedFuture(notStarted);
        }
        if (!division.getInfo().isLeader()) {
            return unavailable("node " + nodeId + " is no longer the leader");
        }
        // The term first, then the commit index: the round then confirms a term at least as old as the index.
        long term = division.getInfo().getCurrentTerm();
        RaftLog log = division.getRaftLog();
        long commitIndex = log.getLastCommittedIndex();
        TermIndex committed = log.getTermIndex(commitIndex);
        // Until an entry of its own term commits, a new leader may not know everything committed before it.
        if (committed == null || committed.getTerm() != term) {
            return unavailable("leader " + nodeId + " has not yet committed an entry of its term " + term);
        }
        RaftConfiguration configuration = division.getRaftConf();
        Collection<RaftPeer> peers = configuration.getAllPeers();
        return new LeadershipConfirmation(nodeId, term, ids(configuration.getCurrentPeers()),
                ids(configuration.getPreviousPeers()))
                .run(commitIndex, voter -> ask(RaftPeerId.valueOf(voter), ReadQuestion.TERM, peers),
                        roundTimeoutMillis);
    }

    /** Asks one node a question as a Ratis stale read: answered by its state machine at once, whatever its role. */
    private CompletableFuture<Long> ask(RaftPeerId peer, ReadQuestion question, Collection<RaftPeer> peers) {
        if (!peersKnownToQuestions.contains(peer)) {
            // A member added since this node started: its address comes from the configuration.
            questions.getClientRpc().addRaftPeers(peers);
            peers.forEach(known -> peersKnownToQuestions.add(known.getId()));
        }
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(questions.getId())
                .setServerId(peer)
                .setGroupId(groupId)
                .setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(ByteString.copyFrom(question.encode())))
                .setType(RaftClientRequest.staleReadRequestType(0))
                .build();
        return DirectRequests.send(questions.getClientRpc(), request)
                .thenApply(reply -> ReadQuestion.decodeAnswer(contentOrThrow(reply)));
    }

    private static byte[] contentOrThrow(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new CompletionException(reply.getException());
        }
        return reply.getMessage().getContent().toByteArray();
    }

    private static Set<String> ids(Collection<RaftPeer> peers) {
        return peers.stream().map(peer -> peer.getId().toString()).collect(Collectors.toSet());
    }

    private static <T> CompletableFuture<T> unavailable(String message) {
        return CompletableFuture.failedFuture(unavailableException(message));
    }

    private static ServiceException unavailableException(String message) {
        return new ServiceException(ServiceException.Kind.UNAVAILABLE, message);
    }

    @Override
    public void close() {
        releaser.shutdownNow();
        try {
            questions.close();
        } catch (IOException failure) {
            LOG.warn("node {}: closing the read client failed: {}", nodeId, failure.toString());
        }
    }
}
