package io.raftkv.core;

/**
 * Every size the store bounds, in one place. Front ends check requests against these before proposing them, and the
 * state machine checks again, because a value can outgrow its limit through append.
 *
 * @param keyBytesMax        the longest key
 * @param valueBytesMax      the longest value
 * @param rangeLimitMax      the most keys one listing returns
 * @param rangeCountMax      the most keys one listing counts
 * @param ttlSecondsMax      the longest time to live
 * @param sweepKeysMax       the most expired keys one sweep entry deletes
 */
public record Limits(int keyBytesMax, int valueBytesMax, int rangeLimitMax, int rangeCountMax, long ttlSecondsMax,
                     int sweepKeysMax) {
    public static final int KEY_BYTES_MAX = 4096;
    public static final int VALUE_BYTES_MAX_DEFAULT = 1024 * 1024;
    /** Ten years: long enough for any cache, short enough that expiry arithmetic never overflows. */
    public static final long TTL_SECONDS_MAX = 10L * 365 * 24 * 3600;
    /** Client ids come from the network, so they are bounded like keys. */
    public static final int CLIENT_ID_BYTES_MAX = 64;
    /** The most keys one {@link io.raftkv.core.query.CacheGet} reads: it bounds one read's memory and time. */
    public static final int CACHE_GET_KEYS_MAX = 10_000;
    /**
     * The most key and value bytes one {@link io.raftkv.core.query.CacheGet} may ask for: ten thousand keys naming
     * 1 MiB values would otherwise be 10 GiB in one answer.
     */
    public static final int CACHE_GET_BYTES_MAX = 64 * 1024 * 1024;
    /**
     * The most key and value bytes one listing returns (it always returns at least one key, so paging moves on). It
     * bounds one listing's memory whatever the limit asked: ten thousand 1 MiB values would not fit a node's heap.
     */
    public static final int RANGE_BYTES_MAX = 4 * 1024 * 1024;

    public static final Limits DEFAULT =
            new Limits(KEY_BYTES_MAX, VALUE_BYTES_MAX_DEFAULT, 10_000, 100_000, TTL_SECONDS_MAX, 1_000);

    public Limits {
        Invariants.check(keyBytesMax >= 1, "keyBytesMax must be positive");
        Invariants.check(valueBytesMax >= 0, "valueBytesMax must not be negative");
        Invariants.check(rangeLimitMax >= 1, "rangeLimitMax must be positive");
        Invariants.check(rangeCountMax >= rangeLimitMax, "rangeCountMax must be at least rangeLimitMax");
        Invariants.check(ttlSecondsMax >= 1, "ttlSecondsMax must be positive");
        Invariants.check(sweepKeysMax >= 1, "sweepKeysMax must be positive");
    }

    public Limits withValueBytesMax(int newValueBytesMax) {
        return new Limits(keyBytesMax, newValueBytesMax, rangeLimitMax, rangeCountMax, ttlSecondsMax, sweepKeysMax);
    }
}
