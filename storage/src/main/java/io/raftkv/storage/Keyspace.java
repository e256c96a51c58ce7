package io.raftkv.storage;

/**
 * The separate key spaces of the store. In RocksDB each is a column family; in memory each is a sorted map. Keys in
 * different key spaces never collide, so each layout can evolve alone.
 */
public enum Keyspace {
    /** User key to its stored record (value and metadata). */
    DATA,
    /** Expiry time (8 bytes, big-endian) followed by the user key, to nothing: the keys in the order they expire. */
    EXPIRY,
    /** Client id to its session (what it declared complete, when it was last seen). */
    SESSIONS,
    /** Client id and sequence to the result of that write, kept until the client declares it complete. */
    RESULTS,
    /** The applied log position, the revision, the cluster clock and announced member addresses. */
    META;

    /** The byte that names this key space in snapshot files. Never renumber: old snapshots must still load. */
    public int snapshotTag() {
        return ordinal() + 1;
    }
}
