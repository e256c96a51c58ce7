package io.raftkv.core.command;

import io.raftkv.core.Bytes;

/**
 * Set a key's value and flags.
 *
 * @param ttlMillis     time to live from the entry's cluster time, 0 for never
 * @param ifModRevision compare-and-swap: write only if the key's modRevision equals this, 0 meaning "only if absent";
 *                      {@link #UNCONDITIONAL} to write whatever is there
 */
public record Put(Bytes key, Bytes value, int flags, long ttlMillis, long ifModRevision)
        implements KeyValueCommand<PutResult> {
    public static final long UNCONDITIONAL = -1;
    public static final long IF_ABSENT = 0;

    public static Put of(Bytes key, Bytes value) {
        return new Put(key, value, 0, 0, UNCONDITIONAL);
    }

    public boolean isConditional() {
        return ifModRevision != UNCONDITIONAL;
    }

    @Override
    public Class<PutResult> resultType() {
        return PutResult.class;
    }
}
