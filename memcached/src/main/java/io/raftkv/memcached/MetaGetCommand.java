package io.raftkv.memcached;

import io.raftkv.core.KeyValue;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.CacheGet;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * mg. A plain meta get is a linearizable read. One that changes the key goes through the log as a {@link Fetch}:
 * with T (touch), N (create on miss) or R (win the recache when little time is left), or when the read finds the key
 * stale with nobody holding the recache, so that exactly one reader in the cluster is told it won (W); the others
 * see Z. The h and l flags come from this node's {@link AccessTable}, best effort.
 */
final class MetaGetCommand {
    private final CommandContext context;

    MetaGetCommand(CommandContext context) {
        this.context = context;
    }

    Step execute(ClientRequest.MetaGet request) {
        MetaFlags flags = request.flags();
        if (flags.has('T') || flags.has('N') || flags.has('R')) {
            return Step.write(() -> fetch(request));
        }
        CacheGet query = CacheGet.of(request.key().key());
        return Step.read(() -> context.read(query).thenApply(result -> {
            Optional<MetaItem> item = ServiceResults.onlyItem(result, "mg").map(MetaItem::read);
            if (item.isPresent() && item.get().recacheUnclaimed()) {
                return Step.write(() -> fetch(request));
            }
            return Step.done(render(request, item));
        }));
    }

    private CompletableFuture<Step> fetch(ClientRequest.MetaGet request) {
        MetaFlags flags = request.flags();
        Expiry expiry = context.expiry();
        long touchTtlMillis = flags.number('T').stream().map(expiry::ttlMillis).findFirst()
                .orElse(TtlMillis.NOT_GIVEN);
        long vivifyTtlMillis = flags.number('N').stream().map(expiry::ttlMillis).findFirst()
                .orElse(TtlMillis.NOT_GIVEN);
        long recacheBelowMillis = flags.number('R').stream().map(expiry::recacheBelowMillis).findFirst()
                .orElse(TtlMillis.NOT_GIVEN);
        Fetch fetch = new Fetch(request.key().key(), touchTtlMillis, vivifyTtlMillis, recacheBelowMillis);
        return context.write(fetch).thenApply(result -> switch (result) {
            case Result.Fetched fetched -> Step.done(render(request, Optional.of(MetaItem.fetched(fetched))));
            case Result.NotFound ignored -> Step.done(render(request, Optional.empty()));
            case Result.Rejected rejected -> Step.line(Rejections.line(rejected, context.stats()));
        });
    }

    private Reply render(ClientRequest.MetaGet request, Optional<MetaItem> found) {
        MetaFlags flags = request.flags();
        boolean touches = flags.has('T');
        context.stats().increment(touches ? Counter.CMD_TOUCH : Counter.CMD_GET);
        context.stats().count(found.isPresent(), touches ? Counter.TOUCH_HITS : Counter.GET_HITS,
                touches ? Counter.TOUCH_MISSES : Counter.GET_MISSES);
        if (found.isEmpty()) {
            return flags.has('q') ? Reply.none() : MetaReply.of("EN", request.key(), flags);
        }
        MetaItem item = found.get();
        KeyValue keyValue = item.keyValue();
        long nowMillis = context.expiry().nowMillis();
        Optional<AccessTable.Access> before = flags.has('u')
                ? context.accessTable().peek(keyValue.key())
                : context.accessTable().recordRead(keyValue.key(), nowMillis);
        boolean casMatches = flags.number('C').stream()
                .anyMatch(casUnique -> CasUnique.matches(casUnique, keyValue.metadata()));
        boolean withValue = flags.has('v') && !casMatches;
        MetaReply reply = new MetaReply(withValue ? "VA " + keyValue.value().length() : "HD", request.key());
        for (MetaFlags.Flag flag : flags.inOrder()) {
            if (!reply.echo(flag)) {
                itemFlag(reply, flag.name(), keyValue, before);
            }
        }
        recacheFlags(reply, item);
        return withValue ? reply.endWithData(keyValue.value()) : reply.end();
    }

    private void itemFlag(MetaReply reply, char name, KeyValue keyValue, Optional<AccessTable.Access> before) {
        switch (name) {
            case 's' -> reply.flag('s', Integer.toString(keyValue.value().length()));
            case 't' -> reply.flag('t', Long.toString(context.expiry().remainingSeconds(keyValue.metadata())));
            case 'c' -> reply.flag('c', CasUnique.of(keyValue.metadata()));
            case 'f' -> reply.flag('f', Long.toString(keyValue.metadata().flagsUnsigned()));
            case 'h' -> reply.flag('h', before.filter(AccessTable.Access::fetched).isPresent() ? "1" : "0");
            case 'l' -> reply.flag('l', Long.toString(before
                    .map(access -> context.expiry().secondsSince(access.lastAccessMillis())).orElse(0L)));
            default -> {
                // The other flags change how the command runs and show nothing in the reply.
            }
        }
    }

    /** memcached's order: Z (someone else holds the recache), X (stale), W (this request won it). */
    private static void recacheFlags(MetaReply reply, MetaItem item) {
        if (item.claimedByAnother()) {
            reply.flag('Z', "");
        }
        if (item.marks().stale()) {
            reply.flag('X', "");
        }
        if (item.won()) {
            reply.flag('W', "");
        }
    }
}
