package io.raftkv.core.command;

/**
 * What a {@link Store} can come to, as {@link Store} describes: {@link Result.Written}, {@link Result.NotFound},
 * {@link Result.RevisionMismatch}, or {@link Result.Rejected} ({@code VALUE_TOO_LARGE} or {@code INVALID_REQUEST}).
 */
public sealed interface StoreResult extends Result
        permits Result.Written, Result.NotFound, Result.RevisionMismatch, Result.Rejected {
}
