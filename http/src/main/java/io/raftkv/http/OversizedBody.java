package io.raftkv.http;

/**
 * Passed down the pipeline in place of a request whose body exceeded the value limit, so that its 413 reply takes its
 * turn among pipelined replies instead of jumping the queue.
 *
 * @param closeAfterReply whether the connection must close after the reply (part of the body was already read, or
 *                        the client did not ask for keep-alive)
 */
record OversizedBody(boolean closeAfterReply) {
}
