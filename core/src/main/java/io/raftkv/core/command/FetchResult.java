package io.raftkv.core.command;

/**
 * What a {@link Fetch} can come to: {@link Result.Fetched}; {@link Result.NotFound} when the key is absent and not
 * vivified; {@link Result.Rejected} ({@code INVALID_REQUEST}) when the command is invalid.
 */
public sealed interface FetchResult extends Result permits Result.Fetched, Result.NotFound, Result.Rejected {
}
