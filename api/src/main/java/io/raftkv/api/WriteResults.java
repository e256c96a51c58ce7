package io.raftkv.api;

import io.raftkv.core.ResultTypes;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.Result;

/**
 * The answer the log gives a write, as the write's own result type: what a {@link KvService} completes its future
 * with. The session layer's {@link Result.SequenceForgotten} becomes a {@link ServiceException}; anything else must be
 * one of the command's results ({@link ResultTypes#narrow}).
 */
public final class WriteResults {
    private WriteResults() {
    }

    /**
     * @throws ServiceException of kind {@code SEQUENCE_FORGOTTEN} for a forgotten sequence
     */
    public static <R extends Result> R narrow(Command<R> command, Result result) {
        if (result instanceof Result.SequenceForgotten forgotten) {
            throw ServiceException.sequenceForgotten(forgotten);
        }
        return ResultTypes.narrow(command, result);
    }
}
