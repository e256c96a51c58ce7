package io.raftkv.storage;

/**
 * The disk failed us: an I/O error, a full disk, corruption. Never an expected outcome. The state machine does not
 * catch it, so the node stops instead of diverging from its peers.
 */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
