package io.raftkv.memcached;

import io.raftkv.api.KvService;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;

import java.util.concurrent.CompletableFuture;

/**
 * What the command handlers share: the service, the configuration, the node clock's expiry rules, the node's access
 * table and counters, and the version it reports. Every read is linearizable.
 */
record CommandContext(KvService service, MemcachedFrontEndConfig config, Expiry expiry, AccessTable accessTable,
                      FrontEndStats stats, String version) {

    CompletableFuture<Result> write(Command command) {
        return service.write(Request.of(command));
    }

    CompletableFuture<QueryResult> read(Query query) {
        return service.read(query, ReadConsistency.LINEARIZABLE);
    }

    int valueBytesMax() {
        return config.limits().valueBytesMax();
    }
}
