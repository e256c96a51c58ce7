package io.raftkv.core.command;

/** The key-value store's own writes, which the HTTP API and the client library use: put, append and delete. */
public sealed interface KeyValueCommand<R extends Result> extends ClientCommand<R> permits Put, Append, Delete {
}
