package io.raftkv.checker.append;

import java.util.Objects;

/**
 * One attempt to append a unique element to the key's value.
 *
 * @param completeNanos when the client got its answer; for an {@link AttemptOutcome#UNKNOWN} attempt, when it gave up
 */
public record AppendAttempt(String element, AttemptOutcome outcome, long invokeNanos, long completeNanos) {

    public AppendAttempt {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(outcome, "outcome");
        if (completeNanos < invokeNanos) {
            throw new IllegalArgumentException(String.format(
                    "append of %s completes at %d, before its invocation at %d", element, completeNanos, invokeNanos));
        }
    }
}
