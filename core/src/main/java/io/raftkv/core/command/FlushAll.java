package io.raftkv.core.command;

/**
 * memcached's flush_all: every key that exists when the flush takes effect is gone, in one step, for every front
 * end. With a delay, the flush takes effect at the first log entry whose cluster time is at or past the entry's time
 * plus the delay; the keys written before then are gone too, as in memcached. A later flush_all replaces a pending
 * one. Outcome: {@link Result.Flushed}.
 *
 * @param delayMillis 0 for now
 */
public record FlushAll(long delayMillis) implements CacheCommand<FlushAllResult> {
    @Override
    public Class<FlushAllResult> resultType() {
        return FlushAllResult.class;
    }
}
