package io.raftkv.memcached;

import java.util.Locale;

/**
 * The memcached statistics this front end counts, named as memcached names them in {@code stats}. get_expired and
 * get_flushed are always 0: a read does not tell an expired or flushed key from a missing one, and clients only need
 * the names to be there.
 */
enum Counter {
    CMD_GET,
    CMD_SET,
    CMD_FLUSH,
    CMD_TOUCH,
    GET_HITS,
    GET_MISSES,
    GET_EXPIRED,
    GET_FLUSHED,
    DELETE_MISSES,
    DELETE_HITS,
    INCR_MISSES,
    INCR_HITS,
    DECR_MISSES,
    DECR_HITS,
    CAS_MISSES,
    CAS_HITS,
    CAS_BADVAL,
    TOUCH_HITS,
    TOUCH_MISSES,
    STORE_TOO_LARGE,
    TOTAL_CONNECTIONS,
    REJECTED_CONNECTIONS;

    /** The name in a STAT line. */
    String statName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Connection counts survive {@code stats reset}, as in memcached. */
    boolean resettable() {
        return this != TOTAL_CONNECTIONS && this != REJECTED_CONNECTIONS;
    }
}
