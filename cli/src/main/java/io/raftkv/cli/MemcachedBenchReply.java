package io.raftkv.cli;

/**
 * A well-formed memcached reply to {@code set} or {@code get}. A reply that breaks the protocol is not one of these:
 * it is a {@link MemcachedBenchProtocolException}, since after it nothing more on the connection can be trusted.
 */
sealed interface MemcachedBenchReply {
    /** {@code STORED}. */
    record Stored() implements MemcachedBenchReply {
    }

    /** {@code VALUE <key> <flags> <bytes>}, a data block of that length, {@code END}. */
    record Hit(int dataBytes) implements MemcachedBenchReply {
    }

    /** {@code END} alone: the key is absent. */
    record Miss() implements MemcachedBenchReply {
    }

    /** {@code ERROR}, {@code CLIENT_ERROR ...} or {@code SERVER_ERROR ...}, as the server sent it. */
    record ErrorReply(String line) implements MemcachedBenchReply {
    }
}
