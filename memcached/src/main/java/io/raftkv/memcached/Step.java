package io.raftkv.memcached;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where a request stands: answered, or waiting to run its next stage against the service. A stage is a read or a
 * write, and the connection schedules stages so that replies and effects follow request order (see
 * {@link ConnectionHandler}). Most requests are one stage; a meta get may read, then write (claiming a recache), and a
 * meta set may write, then read (the size after an append).
 */
sealed interface Step {

    enum Stage { READ, WRITE }

    record Done(Reply reply) implements Step {
    }

    /** {@code action} calls the service and says what comes after it; it is called once, on the event loop. */
    record Next(Stage stage, Supplier<CompletableFuture<Step>> action) implements Step {
    }

    static Step done(Reply reply) {
        return new Done(reply);
    }

    static Step line(String text) {
        return new Done(Reply.line(text));
    }

    static Step read(Supplier<CompletableFuture<Step>> action) {
        return new Next(Stage.READ, action);
    }

    static Step write(Supplier<CompletableFuture<Step>> action) {
        return new Next(Stage.WRITE, action);
    }
}
