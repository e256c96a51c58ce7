package io.raftkv.cli;

import io.raftkv.server.DataDirectoryRefusedException;

/** The exit codes of every command, documented in the README and in {@code raftkv --help}. */
final class ExitCodes {
    static final int OK = 0;
    static final int NOT_FOUND = 1;
    static final int USAGE = 2;
    static final int UNAVAILABLE = 3;
    static final int REVISION_MISMATCH = 4;
    static final int REJECTED = 5;
    /** {@code snapshot status} and {@code snapshot save}: the file is truncated, damaged or not a raftkv snapshot. */
    static final int CORRUPT_FILE = 6;
    /** A node's disk is nearly full, so the cluster refuses writes until space is freed there. */
    static final int NO_SPACE = 7;
    /** {@code server}: the data directory belongs to another node id. */
    static final int DATA_DIRECTORY_OF_ANOTHER_NODE = 10;
    /** {@code server}: the data directory belongs to another cluster than the expected one. */
    static final int DATA_DIRECTORY_OF_ANOTHER_CLUSTER = 11;
    /** {@code server}: Raft or database files without an identity file: not a raftkv data directory of this version. */
    static final int NOT_A_DATA_DIRECTORY = 12;
    /** {@code server}: the Raft log in the data directory is damaged. */
    static final int DAMAGED_RAFT_LOG = 13;
    /** {@code server}: the database in the data directory is damaged. */
    static final int DAMAGED_DATABASE = 14;
    /** A bug in raftkv itself, never an expected outcome; the BSD sysexits value for an internal software error. */
    static final int INTERNAL_ERROR = 70;
    /** A running node hit a fatal error (corruption, an I/O error while applying) and stopped. */
    static final int NODE_FAILED = 71;

    static final String HELP_FOOTER = """

            Exit codes:
              0 ok, 1 not found, 2 usage error, 3 cluster unavailable,
              4 revision mismatch (cas, put --if-mod-revision),
              5 other rejection (such as a value too large),
              6 damaged or truncated snapshot file (snapshot status, save),
              7 writes refused: a node's disk is nearly full (see raftkv status),
              10-14 server refused its data directory: 10 another node's, 11 another
              cluster's, 12 not a raftkv data directory, 13 damaged Raft log,
              14 damaged database.
            Environment:
              RAFTKV_ENDPOINTS   endpoints of the client commands and bench
              RAFTKV_ID, RAFTKV_PEERS, RAFTKV_DATA_DIR, RAFTKV_HTTP, RAFTKV_MEMCACHED,
              RAFTKV_STORAGE, RAFTKV_VALUE_BYTES_MAX, RAFTKV_CLUSTER_ID   server settings
              RAFTKV_LOG_LEVEL   level of the io.raftkv loggers (default INFO)
              RAFTKV_JAVA_OPTS   JVM options of the launcher and of dev nodes""";

    private ExitCodes() {
    }

    static int of(DataDirectoryRefusedException.Reason reason) {
        return switch (reason) {
            case OTHER_NODE -> DATA_DIRECTORY_OF_ANOTHER_NODE;
            case OTHER_CLUSTER -> DATA_DIRECTORY_OF_ANOTHER_CLUSTER;
            case NOT_A_DATA_DIRECTORY -> NOT_A_DATA_DIRECTORY;
            case DAMAGED_RAFT_LOG -> DAMAGED_RAFT_LOG;
            case DAMAGED_DATABASE -> DAMAGED_DATABASE;
        };
    }
}
