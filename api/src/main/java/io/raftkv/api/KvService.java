package io.raftkv.api;

import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.ClientCommand;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The one service every front end (HTTP, memcached, etcd gRPC) sits on. Any node serves any request: writes go
 * through the Raft leader, linearizable reads through a ReadIndex round, serializable reads straight to the local
 * replica.
 *
 * <p>Futures complete with the operation's own result type for every expected outcome, including "not found" and a
 * failed compare. They complete exceptionally only with {@link ServiceException}: the cluster could not answer, or
 * (kind {@link ServiceException.Kind#SEQUENCE_FORGOTTEN}) the write's session had already declared its sequence
 * complete.
 */
public interface KvService {

    /**
     * Replicates a write; completes once a quorum has it on disk and it is applied here. Only a client's commands are
     * accepted: the node proposes its internal ones itself.
     *
     * @param session the client's session stamp when it wants retries applied once (see {@link ClientSession})
     */
    <R extends Result> CompletableFuture<R> write(ClientCommand<R> command, Optional<ClientSession> session);

    <R extends QueryResult> CompletableFuture<R> read(Query<R> query, ReadConsistency consistency);

    /** This node's own view; cheap, never blocks. */
    NodeStatus status();

    /**
     * Moves leadership to the member {@code targetNodeId}, for example before maintenance on the current leader.
     * Completes with the new leader's id once it leads, at once if it already does. Fails only with
     * {@link ServiceException}: {@link ServiceException.Kind#INVALID} when the id is not a member,
     * {@link ServiceException.Kind#UNAVAILABLE} when the transfer failed or timed out, with the reason.
     */
    CompletableFuture<String> transferLeadership(String targetNodeId);

    /**
     * Writes a consistent point-in-time snapshot of this node's replica to {@code out}, in the snapshot file format
     * (storage's {@code SnapshotFormat}), for a backup. A linearizable barrier runs first, so the snapshot holds every
     * write acknowledged anywhere in the cluster before this call. Blocks until the whole snapshot is written: never
     * call it on an event loop or a Ratis thread.
     *
     * @throws ServiceException when the barrier fails (no leader, no quorum, a timeout); nothing was written then
     * @throws IOException      when writing to {@code out} fails, possibly part way through
     */
    void writeSnapshot(OutputStream out) throws IOException;

    /**
     * The members as the leader sees them (asked of the leader from any node): role, leader flag, lag and last
     * contact. Fails with {@link ServiceException.Kind#UNAVAILABLE} when no leader answers.
     */
    default CompletableFuture<List<ClusterMember>> members() {
        return CompletableFuture.failedFuture(membershipNotSupported());
    }

    /**
     * Adds a member with Raft address {@code raftAddress} (HOST:PORT), as a non-voting learner or as a voter; the
     * leader first sends it the log (or a snapshot), so this completes, with the new membership, once it has caught
     * up and the change is committed. {@link ServiceException.Kind#INVALID} when the id or address is taken.
     */
    default CompletableFuture<List<ClusterMember>> addMember(String id, String raftAddress, boolean learner) {
        return CompletableFuture.failedFuture(membershipNotSupported());
    }

    /** Makes the learner {@code id} a voter. {@link ServiceException.Kind#INVALID} if it is not a learner. */
    default CompletableFuture<List<ClusterMember>> promoteMember(String id) {
        return CompletableFuture.failedFuture(membershipNotSupported());
    }

    /**
     * Removes the member {@code id}. {@link ServiceException.Kind#INVALID}, with the reason, for the last member or
     * the only voter (always), and for a voter whose removal would leave the voters the leader can reach short of a
     * majority of the new configuration, unless {@code force}.
     */
    default CompletableFuture<List<ClusterMember>> removeMember(String id, boolean force) {
        return CompletableFuture.failedFuture(membershipNotSupported());
    }

    private static ServiceException membershipNotSupported() {
        return new ServiceException(ServiceException.Kind.UNAVAILABLE, "this service has no membership operations");
    }
}
