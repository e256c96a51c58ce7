package io.raftkv.core.query;

/** What a {@link Get} can come to: the key {@link QueryResult.Found}, or {@link QueryResult.Missing}. */
public sealed interface GetResult extends QueryResult permits QueryResult.Found, QueryResult.Missing {
}
