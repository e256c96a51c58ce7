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
        return Step.write(() -> context.write(new Delete(request.key())).thenApply(result -> Step.line(switch (result) {
            case Result.Deleted ignored -> {
                context.stats().increment(Counter.DELETE_HITS);
                context.accessTable().forget(request.key());
                yield "DELETED";
            }
            case Result.NotFound ignored -> {
                context.stats().increment(Counter.DELETE_MISSES);
                yield "NOT_FOUND";
            }
            case Result.Rejected rejected -> Rejections.line(rejected, context.stats());
        })));
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
            // memcached's answer to a failed compare; incr and decr send no compare, unlike ma with C.
            case Result.RevisionMismatch ignored -> "EXISTS";
            case Result.Rejected rejected -> Rejections.line(rejected, context.stats());
        })));
    }

    Step touch(ClientRequest.Touch request) {
        Fetch fetch = new Fetch(request.key(), context.expiry().ttlMillis(request.exptimeSeconds()),
                TtlMillis.NOT_GIVEN, TtlMillis.NOT_GIVEN);
        return Step.write(() -> context.write(fetch).thenApply(result -> {
            context.stats().increment(Counter.CMD_TOUCH);
            return Step.line(switch (result) {
                case Result.Fetched ignored -> {
                    context.stats().increment(Counter.TOUCH_HITS);
                    yield "TOUCHED";
                }
                case Result.NotFound ignored -> {
                    context.stats().increment(Counter.TOUCH_MISSES);
                    yield "NOT_FOUND";
                }
                case Result.Rejected rejected -> Rejections.line(rejected, context.stats());
            });
        }));
    }
}
