package io.raftkv.core.command;

/**
 * What a {@link Put} can come to: {@link Result.Written}; {@link Result.RevisionMismatch} when its compare fails;
 * {@link Result.Rejected} ({@code INVALID_REQUEST}) when the command is invalid.
 */
public sealed interface PutResult extends Result permits Result.Written, Result.RevisionMismatch, Result.Rejected {
}
