package io.raftkv.memcached;

import io.raftkv.core.KeyValue;

/** The VALUE lines of get, gets, gat and gats. */
final class ValueLines {
    static final String END = "END";

    private ValueLines() {
    }

    /** {@code VALUE <key> <flags> <bytes> [<cas unique>]\r\n<data>\r\n}. */
    static void append(Reply.Builder reply, KeyValue item, boolean showCas) {
        reply.text("VALUE ").bytes(item.key().unsafeArray())
                .text(" " + item.metadata().flagsUnsigned() + " " + item.value().length());
        if (showCas) {
            reply.text(" " + CasUnique.of(item.metadata()));
        }
        reply.lineEnd().data(item.value());
    }
}
