package io.raftkv.checker.append;

/** How an append attempt ended, as far as the client knows. */
public enum AttemptOutcome {
    /** Acknowledged: the element must be in every later read. */
    OK,
    /** Refused for sure: the element must never appear. */
    FAIL,
    /** Timed out or lost: the element may or may not appear. */
    UNKNOWN
}
