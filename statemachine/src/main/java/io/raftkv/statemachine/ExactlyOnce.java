package io.raftkv.statemachine;

import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.SequenceForgotten;
import io.raftkv.statemachine.SessionTable.Session;
import io.raftkv.storage.StorageTransaction;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Applies a write that carries a client session at most once (Raft dissertation, section 6.3): a retry gets the result
 * of the first attempt, and results the client has declared complete are forgotten to bound storage.
 */
final class ExactlyOnce {
    private ExactlyOnce() {
    }

    static Result apply(EntryContext context, ClientSession session, Supplier<Result> command) {
        StorageTransaction transaction = context.transaction();
        Session stored = SessionTable.load(transaction, session.clientId()).orElse(Session.NEW);
        Result result = outcome(context, session, stored, command);
        long completedBelow = stored.completedBelow();
        if (session.completedBelow() > completedBelow) {
            SessionTable.forgetResults(transaction, session.clientId(), completedBelow, session.completedBelow());
            completedBelow = session.completedBelow();
        }
        SessionTable.save(transaction, session.clientId(), new Session(completedBelow, context.entryTimeMillis()));
        return result;
    }

    private static Result outcome(EntryContext context, ClientSession session, Session stored,
                                  Supplier<Result> command) {
        if (session.sequence() < stored.completedBelow()) {
            return new SequenceForgotten(session.sequence(), stored.completedBelow());
        }
        Optional<Result> earlier =
                SessionTable.storedResult(context.transaction(), session.clientId(), session.sequence());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Result result = command.get();
        SessionTable.storeResult(context.transaction(), session.clientId(), session.sequence(), result);
        return result;
    }
}
