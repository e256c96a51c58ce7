package io.raftkv.core;

import io.raftkv.core.command.Command;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;

/**
 * The one place where a result, decoded from the log's answer or a read, becomes the type its operation names. The
 * check is always on: a result the operation cannot produce is a bug (or a corrupt answer), never something to cast
 * past.
 */
public final class ResultTypes {
    private ResultTypes() {
    }

    /** {@code result} as {@code command}'s result type; {@link Result.SequenceForgotten} is not one. */
    public static <R extends Result> R narrow(Command<R> command, Result result) {
        return narrow(command.resultType(), result, command);
    }

    public static <R extends QueryResult> R narrow(Query<R> query, QueryResult result) {
        return narrow(query.resultType(), result, query);
    }

    private static <T> T narrow(Class<T> type, Object result, Object operation) {
        Invariants.check(type.isInstance(result), "a %s cannot produce %s",
                operation.getClass().getSimpleName(), result.getClass().getSimpleName());
        return type.cast(result);
    }
}
