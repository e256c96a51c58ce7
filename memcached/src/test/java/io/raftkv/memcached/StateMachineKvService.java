package io.raftkv.memcached;

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
import io.raftkv.core.command.Sweep;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import io.raftkv.statemachine.KvStateMachine;
import io.raftkv.storage.memory.MemoryStorage;
import java.io.IOException;
import java.io.OutputStream;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A single-node {@link KvService} with the real state machine over memory storage: every write is applied as a
 * one-request log entry stamped with the test's clock, every read is a real query. No Raft, but the store's real
 * logic, so the front end is tested against what the store actually does.
 */
final class StateMachineKvService implements KvService {
    static final String NODE_ID = "node-1";
    private static final long TERM = 3;

    private final KvStateMachine machine =
            new KvStateMachine(MemoryStorage.create(), KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
    private final Clock clock;
    private long nextIndex = 1;

    StateMachineKvService(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized <R extends Result> CompletableFuture<R> write(ClientCommand<R> command,
                                                                      Optional<ClientSession> session) {
        return CompletableFuture.completedFuture(WriteResults.narrow(command, apply(new Request(session, command))));
    }

    @Override
    public <R extends QueryResult> CompletableFuture<R> read(Query<R> query, ReadConsistency consistency) {
        return CompletableFuture.completedFuture(machine.query(query));
    }

    @Override
    public NodeStatus status() {
        return new NodeStatus(NODE_ID, "6f1c2a0e-4b7d-3c9a-8e5f-2d1b0a9c8e7f", "LEADER", Optional.of(NODE_ID), TERM, machine.appliedIndex(),
                machine.appliedIndex(), machine.revision(),
                List.of(new NodeStatus.Member(NODE_ID, "127.0.0.1:1", Optional.empty())), "memory");
    }

    /** A single node leads already; any other id is not a member. */
    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        machine.storage().writeSnapshot(out);
    }

    @Override
    public CompletableFuture<String> transferLeadership(String targetNodeId) {
        if (targetNodeId.equals(NODE_ID)) {
            return CompletableFuture.completedFuture(NODE_ID);
        }
        return CompletableFuture.failedFuture(new ServiceException(ServiceException.Kind.INVALID,
                "'" + targetNodeId + "' is not a member; the members are " + NODE_ID));
    }

    /**
     * Applies an empty sweep, as the leader's sweeper does every 50 ms: the cluster clock moves to the test clock, so
     * reads judge expiry at the new time.
     */
    synchronized void tick() {
        apply(Request.of(new Sweep(List.of(), List.of())));
    }

    long revision() {
        return machine.revision();
    }

    private Result apply(Request request) {
        return machine.apply(nextIndex++, TERM, new LogEntry(clock.millis(), List.of(request))).getFirst();
    }
}
