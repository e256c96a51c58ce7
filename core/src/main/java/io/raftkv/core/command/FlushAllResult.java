package io.raftkv.core.command;

/**
 * What a {@link FlushAll} can come to: {@link Result.Flushed}, or {@link Result.Rejected} ({@code INVALID_REQUEST})
 * when its delay is out of range.
 */
public sealed interface FlushAllResult extends Result permits Result.Flushed, Result.Rejected {
}
