package io.raftkv.torture.fault;

/** Which node a single-node fault hits; resolved when the fault is injected, not when it is planned. */
public enum Target {
    /** The current leader, or a random node while there is none. */
    LEADER,
    /** Any running node. */
    RANDOM_NODE
}
