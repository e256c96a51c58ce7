package io.raftkv.memcached;

import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.StoreMode;
import io.raftkv.core.command.StoreResult;

/**
 * set, add, replace, append, prepend and cas: one {@link Store} each. add finding the key and replace, append or
 * prepend missing it answer NOT_STORED; cas answers NOT_FOUND or EXISTS. append and prepend keep the key's flags and
 * expiry and never create it.
 */
final class StorageCommands {
    private final CommandContext context;

    StorageCommands(CommandContext context) {
        this.context = context;
    }

    Step execute(ClientRequest.Storage request) {
        context.stats().increment(Counter.CMD_SET);
        boolean concatenates = request.verb() == ClientRequest.StorageVerb.APPEND
                || request.verb() == ClientRequest.StorageVerb.PREPEND;
        long ttlMillis = concatenates ? TtlMillis.NOT_GIVEN : context.expiry().ttlMillis(request.exptimeSeconds());
        long compareRevision = request.verb() == ClientRequest.StorageVerb.CAS
                ? CasUnique.compareRevision(request.casUnique()) : Store.NO_COMPARE;
        Store store = new Store(request.key(), request.value(), request.flags(), ttlMillis, mode(request.verb()),
                compareRevision, false, TtlMillis.NOT_GIVEN, context.valueBytesMax());
        return Step.write(() -> context.write(store).thenApply(result -> Step.line(reply(request, result))));
    }

    private static StoreMode mode(ClientRequest.StorageVerb verb) {
        return switch (verb) {
            case SET, CAS -> StoreMode.SET;
            case ADD -> StoreMode.ADD;
            case REPLACE -> StoreMode.REPLACE;
            case APPEND -> StoreMode.APPEND;
            case PREPEND -> StoreMode.PREPEND;
        };
    }

    private String reply(ClientRequest.Storage request, StoreResult result) {
        boolean cas = request.verb() == ClientRequest.StorageVerb.CAS;
        FrontEndStats stats = context.stats();
        return switch (result) {
            case Result.Written ignored -> {
                context.accessTable().recordWrite(request.key(), context.expiry().nowMillis());
                if (cas) {
                    stats.increment(Counter.CAS_HITS);
                }
                yield "STORED";
            }
            case Result.NotFound ignored -> {
                if (cas) {
                    stats.increment(Counter.CAS_MISSES);
                }
                yield cas ? "NOT_FOUND" : "NOT_STORED";
            }
            case Result.RevisionMismatch ignored -> {
                if (cas) {
                    stats.increment(Counter.CAS_BADVAL);
                }
                yield cas ? "EXISTS" : "NOT_STORED";
            }
            case Result.Rejected rejected -> Rejections.line(rejected, stats);
        };
    }
}
