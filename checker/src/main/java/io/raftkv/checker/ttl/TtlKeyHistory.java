package io.raftkv.checker.ttl;

import java.util.List;
import java.util.Objects;

/**
 * One key written once with a TTL, and every successful read of it. Times are on the harness's monotonic clock.
 *
 * @param putAcknowledged  whether the put was acknowledged; {@code false} means its outcome is unknown (puts refused
 *                         for sure are not checked at all)
 * @param putCompleteNanos when the put was acknowledged or, when its outcome is unknown, when the client gave up
 *                         (possibly {@link Long#MAX_VALUE})
 */
public record TtlKeyHistory(String key, long ttlMillis, long putInvokeNanos, long putCompleteNanos,
                            boolean putAcknowledged, List<TtlRead> reads) {

    public TtlKeyHistory {
        Objects.requireNonNull(key, "key");
        reads = List.copyOf(reads);
        if (ttlMillis <= 0) {
            throw new IllegalArgumentException("key " + key + " has a TTL of " + ttlMillis + " ms");
        }
        if (putCompleteNanos < putInvokeNanos) {
            throw new IllegalArgumentException(String.format(
                    "the put of key %s completes at %d, before its invocation at %d",
                    key, putCompleteNanos, putInvokeNanos));
        }
    }
}
