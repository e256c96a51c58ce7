package io.raftkv.memcached;

import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Store;

/**
 * delete, incr, decr and touch: one write each. incr wraps at 2^64 and decr stops at 0, as the state machine's
 * {@link Arithmetic} defines; the reply is the new value as an unsigned decimal.
 */
final class KeyUpdates {
    private final CommandContext context;

    KeyUpdates(CommandContext context) {
        this.context = context;
    }

    Step delete(ClientRequest.Deletion request) {
        return Step.write(() -> context.write(new Delete(request.key())).thenApply(result -> {
            boolean deleted = ServiceResults.deleted(result, "delete");
            context.stats().count(deleted, Counter.DELETE_HITS, Counter.DELETE_MISSES);
            if (deleted) {
                context.accessTable().forget(request.key());
            }
            return Step.line(deleted ? "DELETED" : "NOT_FOUND");
        }));
    }

    Step incrementOrDecrement(ClientRequest.IncrementOrDecrement request) {
        Arithmetic arithmetic = new Arithmetic(request.key(), request.direction(), request.delta(), Store.NO_COMPARE,
                TtlMillis.NOT_GIVEN, 0, TtlMillis.NOT_GIVEN);
        boolean increment = request.direction() == Arithmetic.Direction.INCREMENT;
        Counter hits = increment ? Counter.INCR_HITS : Counter.DECR_HITS;
        Counter misses = increment ? Counter.INCR_MISSES : Counter.DECR_MISSES;
        return Step.write(() -> context.write(arithmetic).thenApply(result -> Step.line(switch (result) {
            case Result.Counted counted -> {
                context.stats().increment(hits);
                yield Long.toUnsignedString(counted.value());
            }
            case Result.NotFound ignored -> {
                context.stats().increment(misses);
                yield "NOT_FOUND";
            }
            case Result.Rejected rejected -> Rejections.line(rejected, context.stats());
            case Result.Written other -> throw ServiceResults.unexpected(other, "incr");
            case Result.Deleted other -> throw ServiceResults.unexpected(other, "incr");
            case Result.RevisionMismatch other -> throw ServiceResults.unexpected(other, "incr");
            case Result.Swept other -> throw ServiceResults.unexpected(other, "incr");
            case Result.Announced other -> throw ServiceResults.unexpected(other, "incr");
            case Result.SequenceForgotten other -> throw ServiceResults.unexpected(other, "incr");
            case Result.Fetched other -> throw ServiceResults.unexpected(other, "incr");
            case Result.Flushed other -> throw ServiceResults.unexpected(other, "incr");
        })));
    }

    Step touch(ClientRequest.Touch request) {
        Fetch fetch = new Fetch(request.key(), context.expiry().ttlMillis(request.exptimeSeconds()),
                TtlMillis.NOT_GIVEN, TtlMillis.NOT_GIVEN);
        return Step.write(() -> context.write(fetch).thenApply(result -> {
            boolean touched = ServiceResults.fetched(result, "touch").isPresent();
            context.stats().increment(Counter.CMD_TOUCH);
            context.stats().count(touched, Counter.TOUCH_HITS, Counter.TOUCH_MISSES);
            return Step.line(touched ? "TOUCHED" : "NOT_FOUND");
        }));
    }
}
