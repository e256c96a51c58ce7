package io.raftkv.core.command;

import io.raftkv.core.Bytes;

/**
 * memcached's incr, decr and meta arithmetic. The value is an unsigned 64-bit decimal number: increment wraps around
 * at 2^64, decrement stops at 0. The new value is stored as its decimal digits, with the key's flags kept.
 *
 * <p>Outcomes: {@link Result.Counted} with the new value. {@link Result.NotFound} when the key is missing and
 * {@code vivifyTtlMillis} is not given. {@link Result.RevisionMismatch} when the compare fails.
 * {@link Result.Rejected} ({@link Result.RejectReason#NOT_A_NUMBER}) when the value is not such a number.
 *
 * @param delta            unsigned 64-bit amount, as a long's bits
 * @param compareRevision  {@link Store#NO_COMPARE} or the modRevision the key must have
 * @param vivifyTtlMillis  create a missing key holding {@code initialValue} with this time to live (which is then the
 *                         result, not changed by the delta), or {@link io.raftkv.core.TtlMillis#NOT_GIVEN}
 * @param initialValue     unsigned 64-bit value for a created key
 * @param ttlMillis        a new time to live on success, or {@link io.raftkv.core.TtlMillis#NOT_GIVEN} to keep the
 *                         expiry
 */
public record Arithmetic(Bytes key, Direction direction, long delta, long compareRevision, long vivifyTtlMillis,
                         long initialValue, long ttlMillis) implements CacheCommand<ArithmeticResult> {

    public enum Direction {
        INCREMENT,
        DECREMENT
    }

    @Override
    public Class<ArithmeticResult> resultType() {
        return ArithmeticResult.class;
    }
}
