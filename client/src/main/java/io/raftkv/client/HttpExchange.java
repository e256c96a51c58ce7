package io.raftkv.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Carries one attempt to one node. An I/O failure (refused connection, timeout, reset) completes the future
 * exceptionally with an {@link java.io.IOException}, which {@link FailoverTransport} answers by trying the next node.
 */
interface HttpExchange extends AutoCloseable {

    CompletableFuture<HttpAnswer> send(URI uri, String method, byte[] body, Map<String, String> headers,
                                       Duration timeout);

    @Override
    void close();
}
