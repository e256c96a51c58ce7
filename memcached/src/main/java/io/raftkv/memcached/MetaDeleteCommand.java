package io.raftkv.memcached;

import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.CompareDelete;
import io.raftkv.core.command.CompareDeleteResult;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Store;

/**
 * md: one {@link CompareDelete}. Plain, it deletes; with I it keeps the key, marked stale (readers then see X and one
 * of them wins the recache), optionally with a new TTL (T); with x it keeps the key with an empty value; with C only
 * if the CAS matches.
 */
final class MetaDeleteCommand {
    private final CommandContext context;

    MetaDeleteCommand(CommandContext context) {
        this.context = context;
    }

    Step execute(ClientRequest.MetaDelete request) {
        MetaFlags flags = request.flags();
        boolean markStale = flags.has('I');
        long compareRevision = flags.number('C').stream().map(CasUnique::compareRevision).findFirst()
                .orElse(Store.NO_COMPARE);
        long staleTtlMillis = markStale && flags.has('T')
                ? context.expiry().ttlMillis(flags.number('T').orElseThrow()) : TtlMillis.NOT_GIVEN;
        CompareDelete delete = new CompareDelete(request.key().key(), compareRevision, markStale, staleTtlMillis,
                flags.has('x'));
        return Step.write(() -> context.write(delete).thenApply(result -> Step.done(reply(request, result))));
    }

    private Reply reply(ClientRequest.MetaDelete request, CompareDeleteResult result) {
        return switch (result) {
            case Result.Deleted ignored -> {
                context.accessTable().forget(request.key().key());
                yield outcome(request, "HD");
            }
            case Result.Written ignored -> {
                context.accessTable().recordWrite(request.key().key(), context.expiry().nowMillis());
                yield outcome(request, "HD");
            }
            case Result.NotFound ignored -> outcome(request, "NF");
            case Result.RevisionMismatch ignored -> outcome(request, "EX");
            case Result.Rejected rejected -> Reply.line(Rejections.line(rejected, context.stats()));
        };
    }

    /** q hides HD only; NF and EX are always sent. */
    private Reply outcome(ClientRequest.MetaDelete request, String code) {
        boolean deleted = code.equals("HD");
        context.stats().count(deleted, Counter.DELETE_HITS, Counter.DELETE_MISSES);
        if (deleted && request.flags().has('q')) {
            return Reply.none();
        }
        return MetaReply.of(code, request.key(), request.flags());
    }
}
