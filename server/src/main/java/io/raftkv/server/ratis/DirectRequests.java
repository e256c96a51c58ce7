package io.raftkv.server.ratis;

import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;

import java.util.concurrent.CompletableFuture;

/**
 * Requests sent straight to one server over a Ratis client's connection: unordered, without the Ratis client's retry
 * loop, because the caller decides itself whether and where to try again (batches keep their call id; read rounds
 * start over).
 *
 * <p>A Ratis workaround: the gRPC stream that carries such requests to a server, once broken (the server was not up
 * yet when the first request went out, or it restarted), stays closed, and every later request to that server fails
 * at once with "AlreadyClosedException: client-...->n1 is closed". Ratis' own client resets the connection in its
 * retry loop, which these requests bypass, so a failed request resets it here; the next one opens a new stream.
 * {@code DirectRequestsTest} checks the reset; {@code NodeStartupTrainingTest} (cli), whose followers start before
 * their leader, failed every run without it.
 */
public final class DirectRequests {
    private DirectRequests() {
    }

    public static CompletableFuture<RaftClientReply> send(RaftClientRpc rpc, RaftClientRequest request) {
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = rpc.sendRequestAsyncUnordered(request);
        } catch (RuntimeException refused) {
            reply = CompletableFuture.failedFuture(refused);
        }
        return reply.whenComplete((answer, failure) -> {
            if (failure != null) {
                rpc.handleException(request.getServerId(), failure, true);
            }
        });
    }
}
