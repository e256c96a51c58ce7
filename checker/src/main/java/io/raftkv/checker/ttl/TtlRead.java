package io.raftkv.checker.ttl;

/**
 * A successful read of a key with a TTL.
 *
 * @param present whether the read found the key
 */
public record TtlRead(boolean present, long invokeNanos, long completeNanos) {

    public TtlRead {
        if (completeNanos < invokeNanos) {
            throw new IllegalArgumentException(String.format(
                    "read completes at %d, before its invocation at %d", completeNanos, invokeNanos));
        }
    }

    @Override
    public String toString() {
        return String.format("read [%d, %d] -> %s", invokeNanos, completeNanos, present ? "present" : "absent");
    }
}
