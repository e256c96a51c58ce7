package io.raftkv.memcached;

import io.raftkv.core.KeyMetadata;
import io.raftkv.core.Limits;
import io.raftkv.core.TtlMillis;

import java.time.Clock;

/**
 * memcached's exptime rules, turned into the times to live that commands carry: 0 never expires, up to 30 days is
 * relative, anything larger is an absolute unix time (converted with this node's clock), and negative values or
 * absolute times in the past are already expired. Times beyond the node's TTL limit are shortened to it.
 */
final class Expiry {
    /** memcached's REALTIME_MAXDELTA: 30 days, the largest exptime read as relative. */
    static final long RELATIVE_SECONDS_MAX = 60L * 60 * 24 * 30;
    private static final long MILLIS_PER_SECOND = 1000;
    /** memcached shows a key that never expires as a remaining time of -1. */
    static final long NEVER_SECONDS = -1;

    private final Clock clock;
    private final long ttlMillisMax;

    Expiry(Clock clock, Limits limits) {
        this.clock = clock;
        this.ttlMillisMax = limits.ttlSecondsMax() * MILLIS_PER_SECOND;
    }

    long nowMillis() {
        return clock.millis();
    }

    /** An exptime as a {@link TtlMillis} value: NEVER, EXPIRED or a positive time to live. */
    long ttlMillis(long exptimeSeconds) {
        if (exptimeSeconds == 0) {
            return TtlMillis.NEVER;
        }
        if (exptimeSeconds < 0) {
            return TtlMillis.EXPIRED;
        }
        long ttlMillis = exptimeSeconds <= RELATIVE_SECONDS_MAX
                ? exptimeSeconds * MILLIS_PER_SECOND
                : exptimeSeconds * MILLIS_PER_SECOND - clock.millis();
        return ttlMillis <= 0 ? TtlMillis.EXPIRED : Math.min(ttlMillis, ttlMillisMax);
    }

    /** flush_all's delay, read like an exptime: 0 (or anything not in the future) means now. */
    long delayMillis(long delaySeconds) {
        long ttlMillis = ttlMillis(delaySeconds);
        return ttlMillis > 0 ? ttlMillis : 0;
    }

    /** A meta get's R threshold as a time to live, or NOT_GIVEN when it can never be won (0 or negative). */
    long recacheBelowMillis(long thresholdSeconds) {
        long ttlMillis = ttlMillis(thresholdSeconds);
        return ttlMillis > 0 ? ttlMillis : TtlMillis.NOT_GIVEN;
    }

    /** Whole seconds left, rounded up, as the t flag and me show them; -1 for a key that never expires. */
    long remainingSeconds(KeyMetadata metadata) {
        if (!metadata.expires()) {
            return NEVER_SECONDS;
        }
        long remainingMillis = Math.max(0, metadata.expiresAtMillis() - clock.millis());
        return (remainingMillis + MILLIS_PER_SECOND - 1) / MILLIS_PER_SECOND;
    }

    /** Whole seconds since {@code thenMillis} on this node's clock. */
    long secondsSince(long thenMillis) {
        return Math.max(0, clock.millis() - thenMillis) / MILLIS_PER_SECOND;
    }
}
