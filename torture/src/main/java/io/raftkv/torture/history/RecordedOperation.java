package io.raftkv.torture.history;

import io.raftkv.core.Invariants;

/**
 * One operation of one client process, from invocation to completion, as the history records it: one JSON line each.
 * Times are nanoseconds on the harness's own monotonic clock, counted from the start of the run.
 *
 * @param index         the order of invocation across the whole run, from 0
 * @param process       the client process that ran it; a process runs one operation at a time
 * @param function      what it did: {@code read}, {@code write}, {@code cas}, {@code append}, {@code read-all},
 *                      {@code put-ttl}, {@code read-ttl}
 * @param key           the key it touched
 * @param input         what it sent, as text ({@code null} for reads); a CAS is {@code "expected->new"}
 * @param output        what came back, as text ({@code null} when there was no answer or for a plain write)
 * @param node          the node the client tried first
 * @param invokeNanos   when the client called
 * @param completeNanos when the answer came, or when the client gave up for an {@link Outcome#UNKNOWN} operation
 * @param outcome       ok, failed for sure, or unknown
 * @param error         why it failed or is unknown; {@code null} when ok
 */
public record RecordedOperation(long index, int process, String function, String key, String input, String output,
                                String node, long invokeNanos, long completeNanos, Outcome outcome, String error) {
    public RecordedOperation {
        Invariants.check(completeNanos >= invokeNanos, "operation %d completes at %d before its invocation at %d",
                index, completeNanos, invokeNanos);
    }

    public long latencyNanos() {
        return completeNanos - invokeNanos;
    }
}
