package io.raftkv.core.command;

/**
 * What a node's report about itself can come to, an {@link Announce} or a {@link RaiseNoSpaceAlarm} or
 * {@link ClearNoSpaceAlarm}: {@link Result.Announced}, or {@link Result.Rejected} ({@code INVALID_REQUEST}) when a
 * text is empty or too long or a byte count negative.
 */
public sealed interface AnnounceResult extends Result permits Result.Announced, Result.Rejected {
}
