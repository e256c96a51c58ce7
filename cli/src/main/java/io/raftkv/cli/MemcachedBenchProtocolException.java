package io.raftkv.cli;

import java.io.IOException;

/**
 * The server's bytes do not follow memcached's text protocol: a line too long or without {@code \r\n}, a data block
 * of another length than announced, an unknown reply. An I/O failure like any other: the connection is dropped.
 */
final class MemcachedBenchProtocolException extends IOException {
    MemcachedBenchProtocolException(String message) {
        super(message);
    }
}
