package io.raftkv.storage;

import java.io.IOException;

/**
 * A snapshot file that is truncated, damaged or not a snapshot at all. Restoring one must change nothing, so readers
 * throw this before any record they read becomes visible.
 */
public final class SnapshotCorruptException extends IOException {
    public SnapshotCorruptException(String message) {
        super(message);
    }

    public SnapshotCorruptException(String message, Throwable cause) {
        super(message, cause);
    }
}
