package io.raftkv.memcached;

/** What parsing a meta command's key and flags gave: both, or the error line memcached answers. */
sealed interface MetaParse {

    record Parsed(MetaKey key, MetaFlags flags) implements MetaParse {
    }

    record Failed(String errorLine) implements MetaParse {
    }
}
