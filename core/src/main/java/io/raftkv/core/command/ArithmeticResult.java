package io.raftkv.core.command;

/**
 * What an {@link Arithmetic} can come to, as {@link Arithmetic} describes: {@link Result.Counted},
 * {@link Result.NotFound}, {@link Result.RevisionMismatch}, or {@link Result.Rejected} ({@code NOT_A_NUMBER} or
 * {@code INVALID_REQUEST}).
 */
public sealed interface ArithmeticResult extends Result
        permits Result.Counted, Result.NotFound, Result.RevisionMismatch, Result.Rejected {
}
