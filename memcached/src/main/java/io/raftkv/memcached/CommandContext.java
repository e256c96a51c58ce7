package io.raftkv.memcached;

import io.raftkv.api.KvService;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.ClientCommand;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the command handlers share: the service, the configuration, the node clock's expiry rules, the node's access
 * table and counters, and the version it reports. Every read is linearizable.
 */
record CommandContext(KvService service, MemcachedFrontEndConfig config, Expiry expiry, AccessTable accessTable,
                      FrontEndStats stats, String version) {

    /** memcached has no sessions: a write is sent once per request, and a retry is the client's own new request. */
    <R extends Result> CompletableFuture<R> write(ClientCommand<R> command) {
        return service.write(command, Optional.empty());
    }

    <R extends QueryResult> CompletableFuture<R> read(Query<R> query) {
        return service.read(query, ReadConsistency.LINEARIZABLE);
    }

    int valueBytesMax() {
        return config.limits().valueBytesMax();
    }
}
