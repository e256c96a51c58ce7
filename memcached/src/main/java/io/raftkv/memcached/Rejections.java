package io.raftkv.memcached;

import io.raftkv.core.command.Result;

/** The error lines for a write the state machine refused. */
final class Rejections {
    static final String TOO_LARGE = "SERVER_ERROR object too large for cache";
    static final String NOT_A_NUMBER = "CLIENT_ERROR cannot increment or decrement non-numeric value";

    private Rejections() {
    }

    static String line(Result.Rejected rejected, FrontEndStats stats) {
        return switch (rejected.reason()) {
            case VALUE_TOO_LARGE -> {
                stats.increment(Counter.STORE_TOO_LARGE);
                yield TOO_LARGE;
            }
            case NOT_A_NUMBER -> NOT_A_NUMBER;
            case INVALID_REQUEST -> "CLIENT_ERROR " + ServiceFailures.oneLine(rejected.message());
        };
    }
}
