package io.raftkv.http;

import io.raftkv.api.KvService;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/snapshot}: streams a consistent snapshot of the store, for backups. Writing it blocks (a linearizable
 * barrier, then the storage engine's snapshot), so each request gets its own virtual thread, never an event loop.
 */
final class SnapshotRoute {
    private final KvService service;

    SnapshotRoute(KvService service) {
        this.service = service;
    }

    /** Completes once the first bytes exist, or with the failure (a 503) if none were written. */
    CompletableFuture<Reply> handle(QueryParameters query) {
        query.requireOnly(Set.of());
        SnapshotStream stream = new SnapshotStream();
        Thread.ofVirtual().name("raftkv-snapshot-stream").start(() -> stream.produce(service::writeSnapshot));
        return stream.firstChunk().thenApply(Reply::streamed);
    }
}
