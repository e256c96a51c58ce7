package io.raftkv.core.command;

import io.raftkv.core.Bytes;

/**
 * Append to an existing value. A missing key is not found, as in memcached.
 *
 * @param ttlMillis     the new time to live from the entry's cluster time, replacing the expiry; 0 keeps the expiry
 * @param valueBytesMax the longest value the proposing node allows. It travels with the command so that every replica
 *                      judges an append that would outgrow it the same way, even if nodes are configured differently.
 */
public record Append(Bytes key, Bytes suffix, long ttlMillis, int valueBytesMax)
        implements KeyValueCommand<AppendResult> {
    public static final long KEEP_EXPIRY = 0;

    @Override
    public Class<AppendResult> resultType() {
        return AppendResult.class;
    }
}
