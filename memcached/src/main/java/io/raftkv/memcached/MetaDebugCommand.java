package io.raftkv.memcached;

import io.raftkv.core.KeyValue;
import io.raftkv.core.query.CacheGet;

import java.util.Optional;

/**
 * me: {@code ME <key> exp=<seconds left, -1 for never> la=<seconds since last access> cas=<modRevision>
 * fetch=<yes|no> cls=1 size=<value bytes>}, or EN. There are no slab classes, so cls is always 1; la and fetch come
 * from this node's {@link AccessTable}, best effort. It reads without counting as an access, as in memcached.
 */
final class MetaDebugCommand {
    private final CommandContext context;

    MetaDebugCommand(CommandContext context) {
        this.context = context;
    }

    Step execute(ClientRequest.MetaDebug request) {
        CacheGet query = CacheGet.of(request.key().key());
        return Step.read(() -> context.read(query).thenApply(result -> Step.done(
                ServiceResults.onlyItem(result, "me")
                        .map(item -> describe(request.key(), item.keyValue()))
                        .orElseGet(() -> Reply.line("EN")))));
    }

    private Reply describe(MetaKey key, KeyValue keyValue) {
        Expiry expiry = context.expiry();
        Optional<AccessTable.Access> access = context.accessTable().peek(keyValue.key());
        long lastAccessSeconds = access.map(known -> expiry.secondsSince(known.lastAccessMillis())).orElse(0L);
        boolean fetched = access.filter(AccessTable.Access::fetched).isPresent();
        return new Reply.Builder().text("ME ").bytes(Keys.forReply(key))
                .line(" exp=" + expiry.remainingSeconds(keyValue.metadata())
                        + " la=" + lastAccessSeconds
                        + " cas=" + CasUnique.of(keyValue.metadata())
                        + " fetch=" + (fetched ? "yes" : "no")
                        + " cls=1 size=" + keyValue.value().length())
                .build();
    }
}
