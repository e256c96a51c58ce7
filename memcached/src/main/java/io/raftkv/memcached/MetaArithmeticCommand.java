package io.raftkv.memcached;

import io.raftkv.core.Bytes;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.ArithmeticResult;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Store;

/**
 * ma: one {@link Arithmetic}. D is the delta (default 1), M the direction (I or + increments, D or - decrements),
 * N creates a missing key holding J (default 0), T sets a new TTL on success, C compares the CAS. q hides the
 * success reply, with or without its value.
 */
final class MetaArithmeticCommand {
    private static final long DELTA_DEFAULT = 1;
    private static final long INITIAL_VALUE_DEFAULT = 0;

    private final CommandContext context;

    MetaArithmeticCommand(CommandContext context) {
        this.context = context;
    }

    Step execute(ClientRequest.MetaArithmetic request) {
        Arithmetic arithmetic = arithmetic(request);
        return Step.write(() -> context.write(arithmetic).thenApply(result -> Step.done(reply(request, arithmetic,
                result))));
    }

    private Arithmetic arithmetic(ClientRequest.MetaArithmetic request) {
        MetaFlags flags = request.flags();
        Expiry expiry = context.expiry();
        char mode = flags.modeOf('M').orElse('I');
        Arithmetic.Direction direction = mode == 'D' || mode == '-'
                ? Arithmetic.Direction.DECREMENT : Arithmetic.Direction.INCREMENT;
        long compareRevision = flags.number('C').stream().map(CasUnique::compareRevision).findFirst()
                .orElse(Store.NO_COMPARE);
        long vivifyTtlMillis = flags.number('N').stream().map(expiry::ttlMillis).findFirst()
                .orElse(TtlMillis.NOT_GIVEN);
        long ttlMillis = flags.number('T').stream().map(expiry::ttlMillis).findFirst().orElse(TtlMillis.NOT_GIVEN);
        return new Arithmetic(request.key().key(), direction, flags.number('D').orElse(DELTA_DEFAULT),
                compareRevision, vivifyTtlMillis, flags.number('J').orElse(INITIAL_VALUE_DEFAULT), ttlMillis);
    }

    private Reply reply(ClientRequest.MetaArithmetic request, Arithmetic arithmetic, ArithmeticResult result) {
        boolean increment = arithmetic.direction() == Arithmetic.Direction.INCREMENT;
        Counter hits = increment ? Counter.INCR_HITS : Counter.DECR_HITS;
        Counter misses = increment ? Counter.INCR_MISSES : Counter.DECR_MISSES;
        return switch (result) {
            case Result.Counted counted -> {
                context.stats().increment(hits);
                yield counted(request, counted);
            }
            case Result.NotFound ignored -> {
                context.stats().increment(misses);
                yield MetaReply.of("NF", request.key(), request.flags());
            }
            case Result.RevisionMismatch ignored -> MetaReply.of("EX", request.key(), request.flags());
            case Result.Rejected rejected -> Reply.line(Rejections.line(rejected, context.stats()));
        };
    }

    private Reply counted(ClientRequest.MetaArithmetic request, Result.Counted counted) {
        MetaFlags flags = request.flags();
        if (flags.has('q')) {
            return Reply.none();
        }
        String number = Long.toUnsignedString(counted.value());
        MetaReply reply = new MetaReply(flags.has('v') ? "VA " + number.length() : "HD", request.key());
        for (MetaFlags.Flag flag : flags.inOrder()) {
            if (!reply.echo(flag)) {
                switch (flag.name()) {
                    case 'c' -> reply.flag('c', CasUnique.of(counted.metadata()));
                    case 't' -> reply.flag('t', Long.toString(context.expiry().remainingSeconds(counted.metadata())));
                    default -> {
                        // The other flags shape the arithmetic and show nothing in the reply.
                    }
                }
            }
        }
        return flags.has('v') ? reply.endWithData(Bytes.utf8(number)) : reply.end();
    }
}
