package io.raftkv.core.query;

/**
 * A read. Queries never change state, so they are not logged.
 *
 * @param <R> the result this query is answered with
 */
public sealed interface Query<R extends QueryResult> permits Get, Range, MemberAddresses, CacheGet {

    /** The class of {@code R}, so that a decoded result can be checked against it instead of cast blindly. */
    Class<R> resultType();
}
