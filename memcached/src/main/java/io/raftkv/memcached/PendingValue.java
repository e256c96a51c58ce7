package io.raftkv.memcached;

import io.raftkv.core.Bytes;

/** A storage command line that was accepted and now waits for its data block of {@link #valueBytes()} bytes. */
sealed interface PendingValue {
    /** memcached's answer when it cannot allocate an item. */
    String OUT_OF_MEMORY = "SERVER_ERROR out of memory storing object";

    int valueBytes();

    /** The complete request once the data block and its terminator arrived intact. */
    ClientRequest withValue(Bytes value);

    /** The answer when the data block was not followed by \r\n: memcached's error, and nothing is stored. */
    ClientRequest badDataChunk();

    /** The answer when the node holds too many values already ({@link ValueMemory}); nothing is stored. */
    ClientRequest outOfMemory();

    record StorageHeader(ClientRequest.StorageVerb verb, Bytes key, int flags, long exptimeSeconds, long casUnique,
                         boolean noreply, int valueBytes) implements PendingValue {
        @Override
        public ClientRequest withValue(Bytes value) {
            return new ClientRequest.Storage(verb, key, flags, exptimeSeconds, casUnique, noreply, value);
        }

        @Override
        public ClientRequest badDataChunk() {
            return new ClientRequest.Invalid(RequestLineParser.BAD_DATA_CHUNK, noreply);
        }

        /** Server errors are answered even with noreply, as memcached does. */
        @Override
        public ClientRequest outOfMemory() {
            return new ClientRequest.Invalid(OUT_OF_MEMORY, false);
        }
    }

    record MetaSetHeader(MetaKey key, MetaFlags flags, int valueBytes) implements PendingValue {
        @Override
        public ClientRequest withValue(Bytes value) {
            return new ClientRequest.MetaSet(key, flags, value);
        }

        /** Meta commands always report errors, q or not. */
        @Override
        public ClientRequest badDataChunk() {
            return new ClientRequest.Invalid(RequestLineParser.BAD_DATA_CHUNK, false);
        }

        @Override
        public ClientRequest outOfMemory() {
            return new ClientRequest.Invalid(OUT_OF_MEMORY, false);
        }
    }
}
