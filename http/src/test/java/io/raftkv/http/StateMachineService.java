package io.raftkv.http;

import io.raftkv.api.KvService;
import io.raftkv.api.NodeStatus;
import io.raftkv.api.ServiceException;
import io.raftkv.api.WriteResults;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.ClientCommand;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import io.raftkv.statemachine.KvStateMachine;
import io.raftkv.storage.memory.MemoryStorage;
import java.io.IOException;
import java.io.OutputStream;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A single-node {@link KvService} with the real state machine over memory storage: every write is applied as a
 * one-request log entry stamped with the wall clock, every read is a real query. No Raft, but real store logic, so
 * the tests check the front end against the store's actual behaviour rather than canned answers.
 */
final class StateMachineService implements KvService {
    static final String NODE_ID = "node-1";
    static final String CLUSTER_ID = "6f1c2a0e-4b7d-3c9a-8e5f-2d1b0a9c8e7f";
    private static final long TERM = 1;

    private final KvStateMachine stateMachine =
            new KvStateMachine(MemoryStorage.create(), KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
    private final String nodeId;
    private final AtomicReference<List<NodeStatus.Member>> members;
    private final AtomicReference<Optional<String>> leaderId;
    private final AtomicLong commitIndexAhead = new AtomicLong();
    private final AtomicBoolean caughtUp = new AtomicBoolean(true);
    private long nextIndex = 1;

    StateMachineService() {
        this(NODE_ID);
    }

    StateMachineService(String nodeId) {
        this.nodeId = nodeId;
        this.members = new AtomicReference<>(List.of(new NodeStatus.Member(nodeId, "127.0.0.1:1", Optional.empty())));
        this.leaderId = new AtomicReference<>(Optional.of(nodeId));
    }

    @Override
    public synchronized <R extends Result> CompletableFuture<R> write(ClientCommand<R> command,
                                                                      Optional<ClientSession> session) {
        List<Result> results = stateMachine.apply(nextIndex++, TERM,
                new LogEntry(System.currentTimeMillis(), List.of(new Request(session, command))));
        try {
            return CompletableFuture.completedFuture(WriteResults.narrow(command, results.getFirst()));
        } catch (ServiceException forgotten) {
            return CompletableFuture.failedFuture(forgotten);
        }
    }

    @Override
    public <R extends QueryResult> CompletableFuture<R> read(Query<R> query, ReadConsistency consistency) {
        return CompletableFuture.completedFuture(stateMachine.query(query));
    }

    @Override
    public NodeStatus status() {
        return new NodeStatus(nodeId, CLUSTER_ID, "LEADER", leaderId.get(), TERM,
                stateMachine.appliedIndex() + commitIndexAhead.get(), stateMachine.appliedIndex(), stateMachine.revision(),
                members.get(), "memory", List.of(), caughtUp.get());
    }

    /** A single node leads already; any other id is not a member. */
    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        stateMachine.storage().writeSnapshot(out);
    }

    @Override
    public CompletableFuture<String> transferLeadership(String targetNodeId) {
        if (targetNodeId.equals(nodeId)) {
            return CompletableFuture.completedFuture(nodeId);
        }
        return CompletableFuture.failedFuture(new ServiceException(ServiceException.Kind.INVALID,
                "'" + targetNodeId + "' is not a member; the members are " + nodeId));
    }

    void setMembers(List<NodeStatus.Member> newMembers) {
        members.set(List.copyOf(newMembers));
    }

    void setLeader(Optional<String> newLeaderId) {
        leaderId.set(newLeaderId);
    }

    /** Pretends this many committed entries are not applied yet, as on a node catching up. */
    void setCommitIndexAhead(long entries) {
        commitIndexAhead.set(entries);
    }

    /** Pretends this node has not yet come close to the leader's commit index since it started. */
    void setCaughtUp(boolean newCaughtUp) {
        caughtUp.set(newCaughtUp);
    }

    long revision() {
        return stateMachine.revision();
    }
}
