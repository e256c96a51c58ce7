package io.raftkv.http;

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

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/** Delegates to a real service until told to fail every call with a given exception, as a sick cluster would. */
final class FailingService implements KvService {
    private final KvService delegate;
    private final AtomicReference<Optional<RuntimeException>> failure = new AtomicReference<>(Optional.empty());

    FailingService(KvService delegate) {
        this.delegate = delegate;
    }

    void failWith(RuntimeException exception) {
        failure.set(Optional.of(exception));
    }

    @Override
    public <R extends Result> CompletableFuture<R> write(ClientCommand<R> command, Optional<ClientSession> session) {
        return failure.get().<CompletableFuture<R>>map(CompletableFuture::failedFuture)
                .orElseGet(() -> delegate.write(command, session));
    }

    @Override
    public <R extends QueryResult> CompletableFuture<R> read(Query<R> query, ReadConsistency consistency) {
        return failure.get().<CompletableFuture<R>>map(CompletableFuture::failedFuture)
                .orElseGet(() -> delegate.read(query, consistency));
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        if (failure.get().isPresent()) {
            throw failure.get().get();
        }
        delegate.writeSnapshot(out);
    }

    @Override
    public CompletableFuture<String> transferLeadership(String targetNodeId) {
        return failure.get().<CompletableFuture<String>>map(CompletableFuture::failedFuture)
                .orElseGet(() -> delegate.transferLeadership(targetNodeId));
    }

    @Override
    public NodeStatus status() {
        return delegate.status();
    }
}
