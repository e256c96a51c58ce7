package io.raftkv.core;

/**
 * The special values of a time to live in milliseconds, as commands carry it. Positive values are a time to live
 * from the entry's cluster time.
 */
public final class TtlMillis {
    /** The key never expires. */
    public static final long NEVER = 0;
    /** The key is expired as soon as the command applies (memcached's negative exptime). */
    public static final long EXPIRED = -1;
    /** The command leaves the expiry alone, or does not do the optional thing this time to live belongs to. */
    public static final long NOT_GIVEN = Long.MIN_VALUE;

    private TtlMillis() {
    }

    /** Whether {@code ttlMillis} is a time to live a command may carry: never, expired, or positive. */
    public static boolean isValid(long ttlMillis, long ttlMillisMax) {
        return ttlMillis == NEVER || ttlMillis == EXPIRED || (ttlMillis > 0 && ttlMillis <= ttlMillisMax);
    }
}
