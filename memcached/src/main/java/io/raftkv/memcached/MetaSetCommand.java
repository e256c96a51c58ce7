package io.raftkv.memcached;

import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.StoreMode;
import io.raftkv.core.command.StoreResult;
import io.raftkv.core.query.CacheGet;


/**
 * ms: one {@link Store}. The mode (M) picks set, add, replace, append or prepend; C compares the CAS (ignored by add,
 * as in memcached); I with C stores a value with an older CAS but marks it stale; N lets append and prepend create a
 * missing key. The c flag shows the new CAS; s shows the stored size, which after an append is read back.
 */
final class MetaSetCommand {
    private final CommandContext context;

    MetaSetCommand(CommandContext context) {
        this.context = context;
    }

    Step execute(ClientRequest.MetaSet request) {
        context.stats().increment(Counter.CMD_SET);
        Store store = store(request);
        return Step.write(() -> context.write(store).thenApply(result -> afterWrite(request, store, result)));
    }

    private Store store(ClientRequest.MetaSet request) {
        MetaFlags flags = request.flags();
        Expiry expiry = context.expiry();
        StoreMode mode = mode(flags);
        boolean concatenates = mode == StoreMode.APPEND || mode == StoreMode.PREPEND;
        boolean compares = flags.has('C') && mode != StoreMode.ADD;
        long compareRevision = compares ? CasUnique.compareRevision(flags.number('C').orElseThrow()) : Store.NO_COMPARE;
        boolean invalidateIfOlder = flags.has('I') && compares
                && (mode == StoreMode.SET || mode == StoreMode.REPLACE);
        long ttlMillis = concatenates ? TtlMillis.NOT_GIVEN
                : flags.number('T').stream().map(expiry::ttlMillis).findFirst().orElse(TtlMillis.NEVER);
        long vivifyTtlMillis = concatenates && flags.has('N')
                ? expiry.ttlMillis(flags.number('N').orElseThrow()) : TtlMillis.NOT_GIVEN;
        int clientFlags = (int) flags.number('F').orElse(0);
        return new Store(request.key().key(), request.value(), clientFlags, ttlMillis, mode, compareRevision,
                invalidateIfOlder, vivifyTtlMillis, context.valueBytesMax());
    }

    private static StoreMode mode(MetaFlags flags) {
        return switch (flags.modeOf('M').orElse('S')) {
            case 'E' -> StoreMode.ADD;
            case 'A' -> StoreMode.APPEND;
            case 'P' -> StoreMode.PREPEND;
            case 'R' -> StoreMode.REPLACE;
            default -> StoreMode.SET;
        };
    }

    private Step afterWrite(ClientRequest.MetaSet request, Store store, StoreResult result) {
        int sentBytes = request.value().length();
        boolean setsOrReplaces = store.mode() == StoreMode.SET || store.mode() == StoreMode.REPLACE;
        return switch (result) {
            case Result.Written written -> {
                context.accessTable().recordWrite(store.key(), context.expiry().nowMillis());
                String cas = Long.toString(written.metadata().modRevision());
                boolean concatenated = store.mode() == StoreMode.APPEND || store.mode() == StoreMode.PREPEND;
                yield concatenated && request.flags().has('s')
                        ? readSizeBack(request, cas)
                        : Step.done(render(request, "HD", cas, sentBytes));
            }
            case Result.NotFound ignored ->
                    Step.done(render(request, store.compares() && setsOrReplaces ? "NF" : "NS", "0", sentBytes));
            case Result.RevisionMismatch ignored ->
                    Step.done(render(request, store.mode() == StoreMode.ADD ? "NS" : "EX", "0", sentBytes));
            case Result.Rejected rejected -> Step.line(Rejections.line(rejected, context.stats()));
        };
    }

    /**
     * The write's result carries the new metadata but not the new length, so the size after an append is read
     * back. The read comes after the write, so it sees it, or a later write of the key by someone else.
     */
    private Step readSizeBack(ClientRequest.MetaSet request, String cas) {
        CacheGet query = CacheGet.of(request.key().key());
        return Step.read(() -> context.read(query).thenApply(result -> {
            int size = ServiceResults.onlyItem(result, "ms")
                    .map(item -> item.keyValue().value().length())
                    .orElse(request.value().length());
            return Step.done(render(request, "HD", cas, size));
        }));
    }

    private static Reply render(ClientRequest.MetaSet request, String code, String cas, int size) {
        if (code.equals("HD") && request.flags().has('q')) {
            return Reply.none();
        }
        MetaReply reply = new MetaReply(code, request.key());
        for (MetaFlags.Flag flag : request.flags().inOrder()) {
            if (!reply.echo(flag)) {
                switch (flag.name()) {
                    case 'c' -> reply.flag('c', cas);
                    case 's' -> reply.flag('s', Integer.toString(size));
                    default -> {
                        // The other flags shape the store and show nothing in the reply.
                    }
                }
            }
        }
        return reply.end();
    }
}
