package io.raftkv.server;

import io.raftkv.core.codec.CodecException;
import io.raftkv.server.DataDirectoryRefusedException.Reason;
import io.raftkv.statemachine.KvStateMachine;
import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.StorageException;
import org.apache.ratis.protocol.exceptions.ChecksumException;
import org.apache.ratis.server.RaftServer;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

import java.io.IOException;

/**
 * Opens the database and starts Ratis, turning what they throw on damaged files into a
 * {@link DataDirectoryRefusedException} that tells the operator what to do. Other failures (a port in use, a
 * directory another process holds) propagate unchanged.
 */
final class DataDirectoryDamage {
    /** Where Ratis' log code lives: an exception thrown from there on start means the log could not be read. */
    static final String RATIS_LOG_PACKAGE = "org.apache.ratis.server.raftlog.";

    private DataDirectoryDamage() {
    }

    static KvStateMachine openMachine(NodeConfig config) {
        StorageEngine engine;
        try {
            engine = StorageEngines.open(config);
        } catch (StorageException failure) {
            throw isCorruption(failure) ? damagedDatabase(config, failure) : failure;
        }
        try {
            return new KvStateMachine(engine, KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
        } catch (StorageException | CodecException unreadable) {
            engine.close();
            throw damagedDatabase(config, unreadable);
        }
    }

    /**
     * Starts Ratis. With startup option RECOVER, Ratis reads every log segment: a checksum that does not match, or a
     * closed segment cut short (which leaves a gap before the next one), fails the start with an exception thrown
     * while the log loads. A partial last entry in the open segment, as a crash mid-write leaves it, is not damage:
     * Ratis drops it and starts. On failure, everything opened so far is closed again.
     */
    static void startRatis(RaftServer server, KvStateMachine machine, NodeConfig config) throws IOException {
        try {
            server.start();
        } catch (IOException | RuntimeException failure) {
            closeQuietly(server, machine, failure);
            if (isRaftLogDamage(failure)) {
                throw new DataDirectoryRefusedException(Reason.DAMAGED_RAFT_LOG, "the Raft log in "
                        + config.dataDirectory().resolve(RaftKvNode.RAFT_SUBDIRECTORY) + " is damaged: "
                        + sentence(rootCause(failure).getMessage()) + "; " + DataDirectoryCheck.REPLACE_ADVICE + ".", failure);
            }
            throw failure;
        }
    }

    /**
     * A checksum mismatch, or an inconsistency Ratis' log code found itself (a gap between segments, an entry out of
     * place): those throw unchecked exceptions from the segmented log. An I/O error there (a full disk, a permission)
     * is not damage and propagates as it is.
     */
    static boolean isRaftLogDamage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ChecksumException) {
                return true;
            }
            if (!(cause instanceof IllegalStateException || cause instanceof IllegalArgumentException)) {
                continue;
            }
            for (StackTraceElement frame : cause.getStackTrace()) {
                if (frame.getClassName().startsWith(RATIS_LOG_PACKAGE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The cause's text as part of ours: without a final period, since ours goes on after it. */
    static String sentence(String causeMessage) {
        String text = String.valueOf(causeMessage).strip();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    private static void closeQuietly(RaftServer server, KvStateMachine machine, Exception startFailure) {
        try {
            server.close();
        } catch (IOException | RuntimeException closeFailure) {
            startFailure.addSuppressed(closeFailure);
        }
        try {
            machine.storage().close();
        } catch (RuntimeException closeFailure) {
            startFailure.addSuppressed(closeFailure);
        }
    }

    /** RocksDB says Corruption for checksum mismatches, truncated files and a broken manifest. */
    private static boolean isCorruption(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RocksDBException rocksDb && rocksDb.getStatus() != null
                    && rocksDb.getStatus().getCode() == Status.Code.Corruption) {
                return true;
            }
        }
        return false;
    }

    private static DataDirectoryRefusedException damagedDatabase(NodeConfig config, RuntimeException failure) {
        return new DataDirectoryRefusedException(Reason.DAMAGED_DATABASE, "the database in "
                + config.dataDirectory().resolve(StorageEngines.DATABASE_SUBDIRECTORY) + " is damaged: "
                + sentence(failure.getMessage()) + "; " + DataDirectoryCheck.REPLACE_ADVICE + ".", failure);
    }
}
