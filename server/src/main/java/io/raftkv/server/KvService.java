package io.raftkv.server;

import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * The one service every front end (HTTP, memcached, etcd gRPC) sits on. Any node serves any request: writes go
 * through the Raft leader, linearizable reads through a ReadIndex round, serializable reads straight to the local
 * replica.
 *
 * <p>Futures complete with a {@link Result} / {@link QueryResult} for every expected outcome, including "not found"
 * and a failed compare. They complete exceptionally only with {@link ServiceException}: the cluster could not answer.
 */
public interface KvService {

    /** Replicates a write; completes once a quorum has it on disk and it is applied here. */
    CompletableFuture<Result> write(Request request);

    CompletableFuture<QueryResult> read(Query query, ReadConsistency consistency);

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
}
