package io.raftkv.server;

import io.raftkv.api.ServiceException;
import io.raftkv.core.codec.ResultCodec;
import io.raftkv.core.command.Result;
import io.raftkv.server.ratis.DirectRequests;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.rpc.CallId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Sends one encoded batch to the leader until it answers or the request timeout passes. Every attempt of a batch
 * carries the same Ratis client id and call id, so a batch resent after an unclear failure (a lost connection, a
 * leader that died after appending it) is answered from the Ratis retry cache, which every replica fills as it
 * applies, instead of being applied twice.
 *
 * <p>On the leader, the batch goes to the local Ratis server without a network hop; elsewhere, to the leader this
 * node knows, over the node's Ratis client connection. With no leader known, or on "not leader" and "leader not
 * ready", the next attempt waits for the next leader event, at most {@link #LEADER_WAIT_MILLIS_MAX}.
 */
final class ProposalSender {
    /** The longest wait between attempts: a leader elsewhere becoming ready sends this node no event. */
    static final long LEADER_WAIT_MILLIS_MAX = 50;

    private final RaftServer server;
    private final RaftGroupId groupId;
    private final RaftPeerId self;
    private final RaftClientRpc rpc;
    private final LeaderChanges leaderChanges;
    private final long requestTimeoutMillis;
    /** One client id for every batch this node sends; the call id tells its batches apart. */
    private final ClientId clientId = ClientId.randomId();
    private final ByteString clientIdBytes = clientId.toByteString();
    /** Batches submitted to this node's own Ratis server, by call id: at most the batches in flight. */
    private final Map<Long, Batch> submittedHere = new ConcurrentHashMap<>();
    /** Completes batches delivered by the apply thread, so that no caller's work runs on the apply thread. */
    private final Executor delivery;

    ProposalSender(RaftServer server, RaftGroupId groupId, RaftPeerId self, RaftClientRpc rpc,
                   LeaderChanges leaderChanges, Executor delivery, long requestTimeoutMillis) {
        this.delivery = delivery;
        this.server = server;
        this.groupId = groupId;
        this.self = self;
        this.rpc = rpc;
        this.leaderChanges = leaderChanges;
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    /** Completes with one result per request of the batch, or fails with the last attempt's failure. */
    CompletableFuture<List<Result>> send(byte[] proposal) {
        return send(proposal, CallId.getAndIncrement());
    }

    /** Visible for tests: resending with a call id already used must not apply the batch again. */
    CompletableFuture<List<Result>> send(byte[] proposal, long callId) {
        Batch batch = new Batch(Message.valueOf(UnsafeByteOperations.unsafeWrap(proposal)), callId,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(requestTimeoutMillis));
        attempt(batch);
        batch.result.whenComplete((results, failure) -> submittedHere.remove(callId));
        return batch.result;
    }

    /**
     * Called by the apply thread for every applied entry: if this node's leader submitted the entry's batch, its
     * results go straight to the batch, on the delivery executor, and the Ratis reply carries nothing (no encoding on
     * the apply thread, no decoding after). Returns whether the results were taken.
     */
    boolean deliver(ByteString entryClientId, long entryCallId, List<Result> results) {
        if (!clientIdBytes.equals(entryClientId)) {
            return false;
        }
        Batch batch = submittedHere.remove(entryCallId);
        if (batch == null) {
            return false;
        }
        delivery.execute(() -> batch.result.complete(results));
        return true;
    }

    /** One batch's attempts: its message and call id never change between them. */
    private static final class Batch {
        final Message message;
        final long callId;
        final long deadlineNanos;
        final CompletableFuture<List<Result>> result = new CompletableFuture<>();
        /** Set once an attempt failed in a way that may have left the batch appended: the outcome is then unknown. */
        volatile boolean mayHaveApplied;

        Batch(Message message, long callId, long deadlineNanos) {
            this.message = message;
            this.callId = callId;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private void attempt(Batch batch) {
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = submit(batch);
        } catch (IOException | RuntimeException failure) {
            reply = CompletableFuture.failedFuture(failure);
        }
        reply.whenComplete((answer, failure) -> {
            if (failure == null && answer.isSuccess()) {
                ByteString content = answer.getMessage().getContent();
                // Empty when the apply thread delivered the results itself (see deliver).
                if (!content.isEmpty()) {
                    batch.result.complete(ResultCodec.decodeAll(content.toByteArray()));
                }
                return;
            }
            Throwable cause = failure != null ? ServiceErrors.unwrap(failure) : answer.getException();
            if (cause instanceof StateMachineException) {
                // The state machine failed to apply the batch: the node stops; resending cannot help.
                batch.result.completeExceptionally(cause);
                return;
            }
            if (!(cause instanceof NotLeaderException) && !(cause instanceof LeaderNotReadyException)
                    && !(cause instanceof NoLeaderKnown)) {
                batch.mayHaveApplied = true;
            }
            if (System.nanoTime() - batch.deadlineNanos >= 0) {
                batch.result.completeExceptionally(finalFailure(batch, cause));
                return;
            }
            if (!leaderChanges.runAtNextChangeOrAfter(LEADER_WAIT_MILLIS_MAX, () -> attempt(batch))) {
                batch.result.completeExceptionally(finalFailure(batch, cause));
            }
        });
    }

    /** After an unclear failure, even a later clear refusal leaves the outcome unknown: never report "not applied". */
    private static Throwable finalFailure(Batch batch, Throwable last) {
        if (!batch.mayHaveApplied) {
            return new ServiceException(ServiceException.Kind.UNAVAILABLE,
                    "no leader accepted the write in time; it was not applied", last);
        }
        return new ServiceException(ServiceException.Kind.TIMEOUT,
                "the write may or may not have been applied: no leader answered in time (last: "
                        + last.getClass().getSimpleName() + ": " + last.getMessage() + ")", last);
    }

    private CompletableFuture<RaftClientReply> submit(Batch batch) throws IOException {
        DivisionInfo info = server.getDivision(groupId).getInfo();
        if (info.isLeader()) {
            submittedHere.put(batch.callId, batch);
            return server.submitClientRequestAsync(request(batch, self));
        }
        Optional<RaftPeer> leader = knownLeader(info);
        if (leader.isEmpty()) {
            return CompletableFuture.failedFuture(new NoLeaderKnown());
        }
        // The client's connections were made for the peers known at start; a member added since needs one too.
        rpc.addRaftPeers(List.of(leader.get()));
        return DirectRequests.send(rpc, request(batch, leader.get().getId()));
    }

    private Optional<RaftPeer> knownLeader(DivisionInfo info) throws IOException {
        RaftPeerId leaderId = info.getLeaderId();
        if (leaderId == null || leaderId.equals(self)) {
            return Optional.empty();
        }
        return Optional.ofNullable(server.getDivision(groupId).getRaftConf().getPeer(leaderId, RaftPeerRole.FOLLOWER));
    }

    private RaftClientRequest request(Batch batch, RaftPeerId target) {
        return RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(target)
                .setGroupId(groupId)
                .setCallId(batch.callId)
                .setMessage(batch.message)
                .setType(RaftClientRequest.writeRequestType())
                .build();
    }

    /** This node knows no leader yet (an election is going on): nothing was sent. */
    private static final class NoLeaderKnown extends IOException {
        NoLeaderKnown() {
            super("no leader is known");
        }
    }
}
