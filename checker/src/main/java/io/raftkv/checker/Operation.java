package io.raftkv.checker;

import java.util.Objects;

/**
 * One client operation as the harness recorded it: what was asked, what came back, and when, on the harness's
 * monotonic clock.
 *
 * <p>An {@code output} of {@code null} means the outcome is unknown (the client timed out or lost the connection): the
 * operation may have taken effect at any time after its invocation, or never. Checkers treat such an operation as never
 * completing, whatever {@code completeNanos} says; by convention it is {@link Long#MAX_VALUE}. Operations that failed
 * for sure (the server refused them) must not be passed to a checker at all.
 *
 * @param id            unique within one history; reports name operations by it
 * @param process       the client process (thread) that issued it; a process issues one operation at a time
 * @param key           the key the operation touched; linearizability is checked per key
 * @param input         what was asked
 * @param output        what came back, or {@code null} when unknown
 * @param invokeNanos   when the request was sent
 * @param completeNanos when the response arrived; at least {@code invokeNanos}
 */
public record Operation<I, O>(long id, int process, String key, I input, O output, long invokeNanos,
                              long completeNanos) {

    public Operation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(input, "input");
        if (completeNanos < invokeNanos) {
            throw new IllegalArgumentException(String.format(
                    "operation %d completes at %d, before its invocation at %d", id, completeNanos, invokeNanos));
        }
    }

    /** An operation whose outcome is unknown: it may take effect at any time after {@code invokeNanos}, or never. */
    public static <I, O> Operation<I, O> unknown(long id, int process, String key, I input, long invokeNanos) {
        return new Operation<>(id, process, key, input, null, invokeNanos, Long.MAX_VALUE);
    }

    /** Whether the client learned the outcome. */
    public boolean outcomeKnown() {
        return output != null;
    }

    /** The same operation with its outcome forgotten: what a checker may assume of an operation it wants to relax. */
    public Operation<I, O> withUnknownOutcome() {
        return new Operation<>(id, process, key, input, null, invokeNanos, Long.MAX_VALUE);
    }
}
