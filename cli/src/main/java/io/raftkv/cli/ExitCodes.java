package io.raftkv.cli;

import io.raftkv.core.command.Result;

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
    /** A bug in raftkv itself, never an expected outcome; the BSD sysexits value for an internal software error. */
    static final int INTERNAL_ERROR = 70;
    /** A running node hit a fatal error (corruption, an I/O error while applying) and stopped. */
    static final int NODE_FAILED = 71;

    static final String HELP_FOOTER = """

            Exit codes:
              0 ok, 1 not found, 2 usage error, 3 cluster unavailable,
              4 revision mismatch (cas, put --if-mod-revision),
              5 other rejection (such as a value too large),
              6 damaged or truncated snapshot file (snapshot status, save).
            Environment:
              RAFTKV_ENDPOINTS   endpoints of the client commands and bench
              RAFTKV_ID, RAFTKV_PEERS, RAFTKV_DATA_DIR, RAFTKV_HTTP, RAFTKV_MEMCACHED,
              RAFTKV_STORAGE, RAFTKV_VALUE_BYTES_MAX   server settings
              RAFTKV_LOG_LEVEL   level of the io.raftkv loggers (default INFO)
              RAFTKV_JAVA_OPTS   JVM options of the launcher and of dev nodes""";

    private ExitCodes() {
    }

    static int of(Result result) {
        return switch (result) {
            case Result.Written written -> OK;
            case Result.Deleted deleted -> OK;
            case Result.NotFound notFound -> NOT_FOUND;
            case Result.RevisionMismatch mismatch -> REVISION_MISMATCH;
            case Result.Rejected rejected -> REJECTED;
            case Result.SequenceForgotten forgotten -> REJECTED;
            case Result.Swept swept -> INTERNAL_ERROR;
            case Result.Announced announced -> INTERNAL_ERROR;
            case Result.Counted counted -> INTERNAL_ERROR;
            case Result.Fetched fetched -> INTERNAL_ERROR;
            case Result.Flushed flushed -> INTERNAL_ERROR;
        };
    }
}
