package io.raftkv.server;

/**
 * A node refused to start on its data directory: the directory belongs to another node or cluster, is not a raftkv
 * data directory of this version, or holds a damaged Raft log or database. The message is one paragraph for the
 * operator, saying what is wrong and what to do; the CLI prints it without a stack trace and exits with the
 * reason's own code.
 */
public final class DataDirectoryRefusedException extends RuntimeException {
    /** Why the node refused; each has an exit code of its own in the CLI. */
    public enum Reason {
        /** The directory's identity names another node id. */
        OTHER_NODE,
        /** The directory's identity names another cluster than the one this node is expected to belong to. */
        OTHER_CLUSTER,
        /** Raft or database files without a valid identity file: an older version's directory, or not raftkv's. */
        NOT_A_DATA_DIRECTORY,
        /** Ratis could not load the Raft log. */
        DAMAGED_RAFT_LOG,
        /** RocksDB could not open or read the database. */
        DAMAGED_DATABASE
    }

    private final Reason reason;

    public DataDirectoryRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public DataDirectoryRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
