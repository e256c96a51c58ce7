package io.raftkv.core;

/**
 * The stale-while-revalidate state of a key that memcached's meta commands use. Stored with the key, replicated like
 * everything else, and reset by every ordinary write.
 *
 * @param stale           the key was invalidated (meta delete with I, or a meta set with I and an older CAS): readers
 *                        may use the value but should recache it
 * @param recacheClaimed  one reader has already been told that it won the right to recache the key
 */
public record CacheMarks(boolean stale, boolean recacheClaimed) {
    public static final CacheMarks NONE = new CacheMarks(false, false);
}
