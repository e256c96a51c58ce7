package io.raftkv.storage.memory;

import io.raftkv.core.Bytes;

/** What a transaction will do to one key when it commits. */
sealed interface PendingWrite {

    record Put(Bytes value) implements PendingWrite {
    }

    /** The key is deleted; reads through the transaction must not see the committed value any more. */
    record Tombstone() implements PendingWrite {
        static final Tombstone INSTANCE = new Tombstone();
    }
}
