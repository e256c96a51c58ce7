package io.raftkv.cli;

import java.io.IOException;

/**
 * The server's bytes are not an HTTP/1.1 response the bench can follow: a bad status line, a line too long or
 * without {@code \r\n}, no {@code Content-Length}. An I/O failure like any other: the connection is dropped.
 */
final class LeanHttpBenchProtocolException extends IOException {
    LeanHttpBenchProtocolException(String message) {
        super(message);
    }
}
