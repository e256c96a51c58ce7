package io.raftkv.statemachine;

import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.ArithmeticResult;
import io.raftkv.core.command.Result.Counted;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.core.command.Result.RejectReason;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Store;

import java.util.Optional;

/**
 * memcached's incr, decr and meta arithmetic, as {@link Arithmetic} specifies them: increment wraps at 2^64, decrement
 * stops at 0, and the new value is stored as plain decimal digits with the key's flags kept.
 */
final class ArithmeticCommand {
    static final String NOT_A_NUMBER_MESSAGE = "cannot increment or decrement non-numeric value";

    private ArithmeticCommand() {
    }

    static ArithmeticResult apply(EntryContext context, Arithmetic arithmetic) {
        KeySlot slot = KeySlot.read(context, arithmetic.key());
        if (!slot.isLive()) {
            return vivify(context, slot, arithmetic);
        }
        if (arithmetic.compareRevision() != Store.NO_COMPARE
                && !slot.hasModRevision(arithmetic.compareRevision())) {
            return slot.mismatch();
        }
        StoredRecord old = slot.liveRecord();
        Optional<Long> current = DecimalCounter.parse(old.value());
        if (current.isEmpty()) {
            return new Rejected(RejectReason.NOT_A_NUMBER, NOT_A_NUMBER_MESSAGE);
        }
        long value = next(arithmetic, current.get());
        KeyMetadata metadata = slot.change(context, old.metadata().flags(),
                context.expiryFor(arithmetic.ttlMillis(), old.metadata().expiresAtMillis()),
                DecimalCounter.format(value), CacheMarks.NONE);
        return new Counted(metadata, value);
    }

    /** A miss creates the key holding the initial value, untouched by the delta, when the command asks to. */
    private static ArithmeticResult vivify(EntryContext context, KeySlot slot, Arithmetic arithmetic) {
        if (arithmetic.vivifyTtlMillis() == TtlMillis.NOT_GIVEN) {
            return new NotFound();
        }
        KeyMetadata metadata = slot.change(context, 0, context.expiryFor(arithmetic.vivifyTtlMillis()),
                DecimalCounter.format(arithmetic.initialValue()), CacheMarks.NONE);
        return new Counted(metadata, arithmetic.initialValue());
    }

    private static long next(Arithmetic arithmetic, long current) {
        return switch (arithmetic.direction()) {
            // Two's complement addition is unsigned addition modulo 2^64: exactly memcached's wrap.
            case INCREMENT -> current + arithmetic.delta();
            case DECREMENT -> Long.compareUnsigned(current, arithmetic.delta()) <= 0 ? 0 : current - arithmetic.delta();
        };
    }
}
