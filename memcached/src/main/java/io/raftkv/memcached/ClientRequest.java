package io.raftkv.memcached;

import io.raftkv.core.Bytes;
import io.raftkv.core.command.Arithmetic;

import java.util.List;

/**
 * One request as the decoder read it off the wire, checked and complete (data blocks included). Requests the decoder
 * refused are requests too ({@link Invalid}, {@link TooLarge}, {@link LineTooLong}), so their error lines take their
 * turn among pipelined replies.
 */
sealed interface ClientRequest {

    /** The data-block bytes this request holds in the front end's {@link ValueMemory} until it is answered. */
    default long heldValueBytes() {
        return 0;
    }

    /** Classic commands' noreply: every reply line of this request, errors included, is dropped (as memcached does). */
    default boolean noreply() {
        return false;
    }

    enum StorageVerb { SET, ADD, REPLACE, APPEND, PREPEND, CAS }

    enum RetrievalVerb {
        GET, GETS, GAT, GATS;

        boolean touches() {
            return this == GAT || this == GATS;
        }

        boolean showsCas() {
            return this == GETS || this == GATS;
        }
    }

    /**
     * set, add, replace, append, prepend and cas.
     *
     * @param casUnique the cas command's unique as a long's bits (unsigned); unused by the other verbs
     */
    record Storage(StorageVerb verb, Bytes key, int flags, long exptimeSeconds, long casUnique, boolean noreply,
                   Bytes value) implements ClientRequest {
        @Override
        public long heldValueBytes() {
            return ValueMemory.blockBytes(value.length());
        }
    }

    /** get, gets, gat and gats; {@code exptimeSeconds} is used by gat and gats only. */
    record Retrieval(RetrievalVerb verb, long exptimeSeconds, List<Bytes> keys) implements ClientRequest {
        public Retrieval {
            keys = List.copyOf(keys);
        }
    }

    record Deletion(Bytes key, boolean noreply) implements ClientRequest {
    }

    /** incr and decr; {@code delta} is unsigned 64-bit, as a long's bits. */
    record IncrementOrDecrement(Bytes key, Arithmetic.Direction direction, long delta, boolean noreply)
            implements ClientRequest {
    }

    record Touch(Bytes key, long exptimeSeconds, boolean noreply) implements ClientRequest {
    }

    record Flush(long delaySeconds, boolean noreply) implements ClientRequest {
    }

    record Version() implements ClientRequest {
    }

    record Verbosity(boolean noreply) implements ClientRequest {
    }

    /** {@code subcommand} is empty for the general statistics. */
    record Stats(String subcommand) implements ClientRequest {
    }

    record Quit() implements ClientRequest {
    }

    record MetaGet(MetaKey key, MetaFlags flags) implements ClientRequest {
    }

    record MetaSet(MetaKey key, MetaFlags flags, Bytes value) implements ClientRequest {
        @Override
        public long heldValueBytes() {
            return ValueMemory.blockBytes(value.length());
        }
    }

    record MetaDelete(MetaKey key, MetaFlags flags) implements ClientRequest {
    }

    record MetaArithmetic(MetaKey key, MetaFlags flags) implements ClientRequest {
    }

    record MetaDebug(MetaKey key) implements ClientRequest {
    }

    record MetaNoop() implements ClientRequest {
    }

    /** A request refused by the decoder: answer {@code errorLine} (without its terminator). */
    record Invalid(String errorLine, boolean noreply) implements ClientRequest {
    }

    /** A storage request whose declared data length is over the value limit; its data was swallowed unread. */
    record TooLarge(boolean noreply) implements ClientRequest {
    }

    /** No line terminator within the line limit: answer and close, since the stream can no longer be framed. */
    record LineTooLong() implements ClientRequest {
    }

    /** An HTTP request line sent to the memcached port: close without a reply, as memcached does. */
    record HttpProbe() implements ClientRequest {
    }
}
