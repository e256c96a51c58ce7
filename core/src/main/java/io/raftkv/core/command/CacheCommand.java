package io.raftkv.core.command;

/** memcached's writes, which only the memcached front end proposes. */
public sealed interface CacheCommand<R extends Result> extends ClientCommand<R>
        permits Store, Arithmetic, Fetch, CompareDelete, FlushAll {
}
