package io.raftkv.core.command;

/** What a {@link Store} does with an existing or missing key, as memcached's storage commands define it. */
public enum StoreMode {
    /** Write whatever is there. */
    SET,
    /** Write only if the key is missing. */
    ADD,
    /** Write only if the key exists. */
    REPLACE,
    /** Add the value after the existing value. */
    APPEND,
    /** Add the value before the existing value. */
    PREPEND
}
