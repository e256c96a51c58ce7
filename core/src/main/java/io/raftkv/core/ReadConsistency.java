package io.raftkv.core;

/** How fresh a read must be. */
public enum ReadConsistency {
    /** Sees every write acknowledged before the read began, on any node (Raft ReadIndex). */
    LINEARIZABLE,
    /** Reads the answering node's replica as it is: no round trip, possibly stale. */
    SERIALIZABLE
}
