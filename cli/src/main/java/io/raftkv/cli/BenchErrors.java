package io.raftkv.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The failed operations of a run, counted by message in the order they first appeared. Failures are counted rather
 * than thrown so that one refused request never ends a run; their texts say what went wrong.
 */
final class BenchErrors {
    /** Distinct messages kept; later new ones are counted together, so varied texts cannot grow memory. */
    static final int MESSAGES_MAX = 20;
    static final String OTHER_MESSAGES = "(other messages)";

    private final Map<String, Long> countsByMessage = new LinkedHashMap<>();
    private long total;

    /** Synchronized: failures are rare next to operations, so contention only comes when everything fails anyway. */
    synchronized void count(String message) {
        total++;
        String kept = countsByMessage.containsKey(message) || countsByMessage.size() < MESSAGES_MAX
                ? message
                : OTHER_MESSAGES;
        countsByMessage.merge(kept, 1L, Long::sum);
    }

    synchronized long total() {
        return total;
    }

    /** A copy, in the order the messages first appeared. */
    synchronized Map<String, Long> countsByMessage() {
        return new LinkedHashMap<>(countsByMessage);
    }

    synchronized void reset() {
        total = 0;
        countsByMessage.clear();
    }
}
