package io.raftkv.memcached;

import io.raftkv.api.KvService;
import io.raftkv.api.NodeStatus;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.ClientCommand;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import java.io.IOException;
import java.io.OutputStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A service whose answers the test releases one by one, in any order, as a real cluster may. Writes are applied to the
 * real state machine when submitted, in submission order as Raft applies one node's proposals, but acknowledged only
 * when the test says so; reads are answered, from the state at that moment, when the test says so.
 */
final class ControlledService implements KvService {
    private final StateMachineKvService store;
    private final List<PendingWrite<?>> writes = new ArrayList<>();
    private final List<PendingRead<?>> reads = new ArrayList<>();

    record PendingWrite<R extends Result>(ClientCommand<R> command, R result, CompletableFuture<R> future) {
        void acknowledge() {
            future.complete(result);
        }
    }

    record PendingRead<R extends QueryResult>(Query<R> query, ReadConsistency consistency,
                                              CompletableFuture<R> future) {
        void answer(KvService store) {
            future.complete(store.read(query, consistency).join());
        }
    }

    ControlledService(StateMachineKvService store) {
        this.store = store;
    }

    @Override
    public synchronized <R extends Result> CompletableFuture<R> write(ClientCommand<R> command,
                                                                      Optional<ClientSession> session) {
        R result = store.write(command, session).join();
        PendingWrite<R> pending = new PendingWrite<>(command, result, new CompletableFuture<>());
        writes.add(pending);
        return pending.future();
    }

    @Override
    public synchronized <R extends QueryResult> CompletableFuture<R> read(Query<R> query,
                                                                          ReadConsistency consistency) {
        PendingRead<R> pending = new PendingRead<>(query, consistency, new CompletableFuture<>());
        reads.add(pending);
        return pending.future();
    }

    @Override
    public NodeStatus status() {
        return store.status();
    }

    @Override
    public CompletableFuture<String> transferLeadership(String targetNodeId) {
        return store.transferLeadership(targetNodeId);
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        store.writeSnapshot(out);
    }

    synchronized int writesSubmitted() {
        return writes.size();
    }

    synchronized int readsSubmitted() {
        return reads.size();
    }

    synchronized PendingWrite<?> write(int index) {
        return writes.get(index);
    }

    synchronized PendingRead<?> read(int index) {
        return reads.get(index);
    }

    void acknowledgeWrite(int index) {
        write(index).acknowledge();
    }

    void answerRead(int index) {
        read(index).answer(store);
    }

    void failWrite(int index, RuntimeException failure) {
        write(index).future().completeExceptionally(failure);
    }

    void failRead(int index, RuntimeException failure) {
        read(index).future().completeExceptionally(failure);
    }
}
