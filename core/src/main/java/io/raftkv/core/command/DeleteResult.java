package io.raftkv.core.command;

/**
 * What a {@link Delete} can come to: {@link Result.Deleted}; {@link Result.NotFound} when the key is absent;
 * {@link Result.Rejected} ({@code INVALID_REQUEST}) when the command is invalid.
 */
public sealed interface DeleteResult extends Result permits Result.Deleted, Result.NotFound, Result.Rejected {
}
