package io.raftkv.server;

import io.raftkv.api.ServiceException;
import io.raftkv.api.WriteResults;
import io.raftkv.core.Invariants;
import io.raftkv.core.codec.CommandCodec;
import io.raftkv.core.command.Announce;
import io.raftkv.core.command.Append;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.ClearNoSpaceAlarm;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.CompareDelete;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.RaiseNoSpaceAlarm;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.Sweep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Group commit: requests that arrive while earlier batches are being replicated wait here and leave together as one
 * log entry, so one Raft round and one fsync serve them all. Under light load a request leaves at once, alone; under
 * heavy load batches grow, up to the limits below.
 */
final class ProposalBatcher {
    /** Requests waiting for a batch. Beyond this the node is overloaded and says so instead of queueing forever. */
    static final int PENDING_REQUESTS_MAX = 20_000;
    static final int BATCH_REQUESTS_MAX = 1_000;
    /** A batch stops growing at this estimated size; a single request larger than this still goes, alone. */
    static final int BATCH_BYTES_MAX = 4 * 1024 * 1024;
    /**
     * Batches being replicated at once. Measured with 1, 2 and 4 at 1, 16 and 128 clients (commit message): with 4,
     * requests spread over more, smaller batches and each costs a Raft round and an fsync, so 16 clients got half the
     * throughput of 1 or 2; 2 keeps the disk busy while one batch is being acknowledged and was best at 128 clients.
     */
    static final int BATCHES_IN_FLIGHT_MAX = 2;
    private static final int REQUEST_OVERHEAD_BYTES = 64;

    private final Function<byte[], CompletableFuture<List<Result>>> sender;
    private final Function<Throwable, ServiceException> errors;
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    private int batchesInFlight;
    private boolean closed;

    /**
     * @param sender sends an encoded proposal to the leader and completes with one result per request
     * @param errors turns a failure of {@code sender} into what the caller sees
     */
    ProposalBatcher(Function<byte[], CompletableFuture<List<Result>>> sender,
                    Function<Throwable, ServiceException> errors) {
        this.sender = sender;
        this.errors = errors;
    }

    /**
     * Queues a write; its future completes with the command's own result, or fails with a {@link ServiceException}
     * (or, for a result the command cannot produce, an {@code InvariantViolation}).
     */
    <R extends Result> CompletableFuture<R> submit(Command<R> command, Optional<ClientSession> session) {
        CompletableFuture<R> future = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new ServiceException(ServiceException.Kind.UNAVAILABLE, "the node is shutting down"));
            }
            if (queue.size() >= PENDING_REQUESTS_MAX) {
                return CompletableFuture.failedFuture(new ServiceException(ServiceException.Kind.OVERLOADED,
                        "more than " + PENDING_REQUESTS_MAX + " writes are waiting on this node"));
            }
            queue.addLast(new Pending<>(new Request(session, command), command, future));
        }
        sendWhatIsReady();
        return future;
    }

    private void sendWhatIsReady() {
        List<List<Pending<?>>> batches = new ArrayList<>();
        synchronized (this) {
            while (!closed && batchesInFlight < BATCHES_IN_FLIGHT_MAX && !queue.isEmpty()) {
                batches.add(takeBatch());
                batchesInFlight++;
            }
        }
        batches.forEach(this::send);
    }

    private List<Pending<?>> takeBatch() {
        List<Pending<?>> batch = new ArrayList<>();
        long bytes = 0;
        while (!queue.isEmpty() && batch.size() < BATCH_REQUESTS_MAX) {
            long next = estimatedBytes(queue.peekFirst().request());
            if (!batch.isEmpty() && bytes + next > BATCH_BYTES_MAX) {
                break;
            }
            bytes += next;
            batch.add(queue.pollFirst());
        }
        return batch;
    }

    private void send(List<Pending<?>> batch) {
        byte[] proposal = CommandCodec.encodeProposal(batch.stream().map(Pending::request).toList());
        CompletableFuture<List<Result>> reply;
        try {
            reply = sender.apply(proposal);
        } catch (RuntimeException failure) {
            reply = CompletableFuture.failedFuture(failure);
        }
        reply.whenComplete((results, failure) -> {
            synchronized (this) {
                batchesInFlight--;
            }
            if (failure != null) {
                ServiceException error = errors.apply(failure);
                batch.forEach(pending -> pending.future().completeExceptionally(error));
            } else {
                complete(batch, results);
            }
            sendWhatIsReady();
        });
    }

    private static void complete(List<Pending<?>> batch, List<Result> results) {
        Invariants.check(results.size() == batch.size(), "a batch of %d requests got %d results",
                batch.size(), results.size());
        for (int index = 0; index < batch.size(); index++) {
            batch.get(index).complete(results.get(index));
        }
    }

    private static long estimatedBytes(Request request) {
        return REQUEST_OVERHEAD_BYTES + switch (request.command()) {
            case Put put -> put.key().length() + put.value().length();
            case Append append -> append.key().length() + append.suffix().length();
            case Delete delete -> delete.key().length();
            case Sweep sweep -> sweep.keys().stream().mapToLong(key -> key.length() + 4).sum()
                    + sweep.idleClientIds().stream().mapToLong(id -> id.length() + 4).sum();
            case Announce announce -> announce.nodeId().length() + announce.httpAddress().length();
            case Store store -> store.key().length() + store.value().length();
            case Arithmetic arithmetic -> arithmetic.key().length();
            case Fetch fetch -> fetch.key().length();
            case CompareDelete delete -> delete.key().length();
            case FlushAll ignored -> 0;
            case RaiseNoSpaceAlarm raise -> raise.alarm().nodeId().length() + raise.alarm().directory().length()
                    + 2 * Long.BYTES;
            case ClearNoSpaceAlarm clear -> clear.nodeId().length();
        };
    }

    /** Fails everything still waiting; batches already sent complete as Ratis answers them. */
    void close() {
        List<Pending<?>> abandoned;
        synchronized (this) {
            closed = true;
            abandoned = new ArrayList<>(queue);
            queue.clear();
        }
        ServiceException error = new ServiceException(ServiceException.Kind.UNAVAILABLE, "the node is shutting down");
        abandoned.forEach(pending -> pending.future().completeExceptionally(error));
    }

    /** A queued write and its caller's future, which expects the command's own result type. */
    private record Pending<R extends Result>(Request request, Command<R> command, CompletableFuture<R> future) {

        /** Each caller gets its own outcome; one that cannot be narrowed fails that caller only, never the batch. */
        void complete(Result result) {
            try {
                future.complete(WriteResults.narrow(command, result));
            } catch (RuntimeException failure) {
                future.completeExceptionally(failure);
            }
        }
    }
}
