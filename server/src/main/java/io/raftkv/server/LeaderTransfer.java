package io.raftkv.server;

import io.raftkv.api.NodeStatus;
import io.raftkv.api.ServiceException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Moves leadership to a chosen member through Ratis' admin API. The admin call blocks until the transfer ends, so it
 * runs on a thread of its own, never on a Netty or Ratis thread, and transfers run one at a time.
 */
final class LeaderTransfer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderTransfer.class);
    /** The target must catch up with the leader's log and then win an election; a few election timeouts cover both. */
    static final int TIMEOUT_ELECTION_TIMEOUTS = 5;
    /** Catching up takes as long as it takes however short the election timeout: a floor for short ones. */
    static final long TIMEOUT_MILLIS_MIN = 5_000;

    private final String nodeId;
    private final long timeoutMillis;
    /** Bounds the whole call: Ratis' own timeout plus the time its client may spend finding the leader. */
    private final long deadlineMillis;
    private final RaftClient client;
    private final Supplier<NodeStatus> status;
    private final ExecutorService executor;

    LeaderTransfer(NodeConfig config, RaftClient client, Supplier<NodeStatus> status) {
        this.nodeId = config.nodeId();
        this.timeoutMillis = NodeConfig.electionTimeoutsAtLeast(config.electionTimeoutMillis(),
                TIMEOUT_ELECTION_TIMEOUTS, TIMEOUT_MILLIS_MIN);
        this.deadlineMillis = timeoutMillis + config.requestTimeoutMillis();
        this.client = client;
        this.status = status;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "raftkv-leader-transfer-" + config.nodeId());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** See {@link KvService#transferLeadership(String)}. */
    CompletableFuture<String> transferTo(String targetNodeId) {
        NodeStatus current = status.get();
        if (current.members().stream().noneMatch(member -> member.id().equals(targetNodeId))) {
            return CompletableFuture.failedFuture(new ServiceException(ServiceException.Kind.INVALID,
                    "'" + targetNodeId + "' is not a member; the members are " + memberIds(current)));
        }
        if (current.leaderId().filter(targetNodeId::equals).isPresent()) {
            return CompletableFuture.completedFuture(targetNodeId);
        }
        long startNanos = System.nanoTime();
        CompletableFuture<String> transfer;
        try {
            transfer = CompletableFuture.supplyAsync(() -> transferBlocking(targetNodeId), executor);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.failedFuture(
                    failure(targetNodeId, "node " + nodeId + " is stopping", stopping));
        }
        return transfer
                .orTimeout(deadlineMillis, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failed -> CompletableFuture.failedFuture(asServiceException(targetNodeId, failed)))
                .whenComplete((leader, failed) -> logOutcome(targetNodeId, current.leaderId(), startNanos, failed));
    }

    private String transferBlocking(String targetNodeId) {
        RaftClientReply reply;
        try {
            reply = client.admin().transferLeadership(RaftPeerId.valueOf(targetNodeId), timeoutMillis);
        } catch (IOException refused) {
            throw failure(targetNodeId, String.valueOf(refused.getMessage()), refused);
        }
        if (!reply.isSuccess()) {
            throw failure(targetNodeId, String.valueOf(reply.getException()), reply.getException());
        }
        return targetNodeId;
    }

    private ServiceException asServiceException(String targetNodeId, Throwable failed) {
        Throwable cause = failed instanceof CompletionException && failed.getCause() != null
                ? failed.getCause() : failed;
        return switch (cause) {
            case ServiceException serviceException -> serviceException;
            case TimeoutException timeout -> failure(targetNodeId,
                    "no outcome within " + deadlineMillis + " ms", timeout);
            default -> failure(targetNodeId, cause.toString(), cause);
        };
    }

    private static ServiceException failure(String targetNodeId, String reason, Throwable cause) {
        return new ServiceException(ServiceException.Kind.UNAVAILABLE,
                "leader transfer to " + targetNodeId + " failed: " + reason, cause);
    }

    private void logOutcome(String targetNodeId, Optional<String> previousLeader, long startNanos, Throwable failed) {
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (failed == null) {
            LOG.info("node {}: leadership moved from {} to {} in {} ms", nodeId, previousLeader.orElse("(none)"),
                    targetNodeId, elapsedMillis);
        } else {
            LOG.info("node {}: {} (after {} ms)", nodeId, asServiceException(targetNodeId, failed).getMessage(),
                    elapsedMillis);
        }
    }

    private static String memberIds(NodeStatus status) {
        return status.members().stream().map(NodeStatus.Member::id).sorted().collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
