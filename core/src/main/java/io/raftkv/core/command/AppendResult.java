package io.raftkv.core.command;

/**
 * What an {@link Append} can come to: {@link Result.Written}; {@link Result.NotFound} when the key is absent;
 * {@link Result.Rejected} when the value would outgrow the limit ({@code VALUE_TOO_LARGE}) or the command is invalid
 * ({@code INVALID_REQUEST}).
 */
public sealed interface AppendResult extends Result permits Result.Written, Result.NotFound, Result.Rejected {
}
