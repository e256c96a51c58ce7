package io.raftkv.core.command;

/**
 * What a {@link CompareDelete} can come to, as {@link CompareDelete} describes: {@link Result.Deleted},
 * {@link Result.Written} (the key was kept), {@link Result.NotFound}, {@link Result.RevisionMismatch}, or
 * {@link Result.Rejected} ({@code INVALID_REQUEST}).
 */
public sealed interface CompareDeleteResult extends Result
        permits Result.Deleted, Result.Written, Result.NotFound, Result.RevisionMismatch, Result.Rejected {
}
