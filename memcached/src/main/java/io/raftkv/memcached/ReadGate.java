package io.raftkv.memcached;

/**
 * Whether a connection may take new requests. The connection handler closes it while the connection has as many
 * unanswered requests as it may have; the decoder then leaves buffered bytes alone and {@link ReadThrottle} stops
 * socket reads, so a client that pipelines without reading replies cannot make this node buffer more. Touched only
 * on the connection's event loop.
 */
final class ReadGate {
    private boolean open = true;

    boolean isOpen() {
        return open;
    }

    void open() {
        open = true;
    }

    void close() {
        open = false;
    }
}
