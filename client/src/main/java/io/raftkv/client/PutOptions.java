package io.raftkv.client;

import io.raftkv.core.Limits;
import io.raftkv.core.command.Put;

/**
 * Optional parts of a put.
 *
 * @param ttlSeconds    seconds until the key expires, 0 for never
 * @param flags         32 client-defined bits, stored as given
 * @param ifModRevision compare-and-swap: write only if the key's modRevision equals this ({@link Put#IF_ABSENT} for
 *                      "only if absent"), {@link Put#UNCONDITIONAL} to write whatever is there
 */
public record PutOptions(long ttlSeconds, int flags, long ifModRevision) {
    public static final PutOptions NONE = new PutOptions(0, 0, Put.UNCONDITIONAL);

    public PutOptions {
        if (ttlSeconds < 0 || ttlSeconds > Limits.TTL_SECONDS_MAX) {
            throw new IllegalArgumentException(
                    "ttlSeconds must be 0 (never) to " + Limits.TTL_SECONDS_MAX + ", was " + ttlSeconds);
        }
        if (ifModRevision < Put.UNCONDITIONAL) {
            throw new IllegalArgumentException(
                    "ifModRevision must be 0 or more, or Put.UNCONDITIONAL, was " + ifModRevision);
        }
    }

    public PutOptions withTtlSeconds(long newTtlSeconds) {
        return new PutOptions(newTtlSeconds, flags, ifModRevision);
    }

    public PutOptions withFlags(int newFlags) {
        return new PutOptions(ttlSeconds, newFlags, ifModRevision);
    }

    public PutOptions withIfModRevision(long newIfModRevision) {
        return new PutOptions(ttlSeconds, flags, newIfModRevision);
    }

    public boolean isConditional() {
        return ifModRevision != Put.UNCONDITIONAL;
    }
}
