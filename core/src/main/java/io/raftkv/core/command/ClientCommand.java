package io.raftkv.core.command;

/**
 * A command a front end may propose on a client's behalf: the service the front ends see accepts only these, never an
 * {@link InternalCommand}.
 */
public sealed interface ClientCommand<R extends Result> extends Command<R> permits KeyValueCommand, CacheCommand {
}
