package io.raftkv.torture.workload;

import io.raftkv.client.RaftKvRequestException;
import io.raftkv.client.RaftKvUnavailableException;
import io.raftkv.torture.history.Outcome;

import java.util.function.Supplier;

/**
 * What one client call came to: the answer, or why there was none and whether the operation may still take effect.
 *
 * @param value   the answer when the outcome is OK, else null
 * @param outcome OK, FAIL (the server refused it: it certainly did not happen) or UNKNOWN (no answer in time)
 * @param error   why it failed or is unknown; null when OK
 */
record CallOutcome<T>(T value, Outcome outcome, String error) {
    /** Server errors (5xx other than the retried 503/504) leave a write's fate open. */
    private static final int SERVER_ERROR_STATUS_MIN = 500;

    /**
     * Runs the call. Only the client's two documented failures are turned into outcomes: anything else is a bug in
     * the harness or the client and propagates.
     */
    static <T> CallOutcome<T> of(Supplier<T> call) {
        try {
            return new CallOutcome<>(call.get(), Outcome.OK, null);
        } catch (RaftKvUnavailableException unavailable) {
            return new CallOutcome<>(null, Outcome.UNKNOWN, unavailable.getMessage());
        } catch (RaftKvRequestException refused) {
            Outcome outcome = refused.status() >= SERVER_ERROR_STATUS_MIN ? Outcome.UNKNOWN : Outcome.FAIL;
            return new CallOutcome<>(null, outcome, refused.getMessage());
        }
    }

    boolean ok() {
        return outcome == Outcome.OK;
    }
}
