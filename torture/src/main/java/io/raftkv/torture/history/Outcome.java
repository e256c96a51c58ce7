package io.raftkv.torture.history;

/** How an operation ended, as far as its client can tell. */
public enum Outcome {
    /** The cluster answered: the operation took effect (or, for a read, saw what it reports). */
    OK,
    /** The operation certainly did not take effect: it was refused before it could be proposed. */
    FAIL,
    /** No answer in time: the operation may take effect at any later moment, or never. */
    UNKNOWN
}
