package io.raftkv.statemachine;

import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.RejectReason;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Result.SequenceForgotten;
import io.raftkv.statemachine.SessionTable.Session;
import io.raftkv.storage.StorageTransaction;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Applies a write that carries a client session at most once (Raft dissertation, section 6.3): a retry gets the result
 * of the first attempt, and results the client has declared complete are forgotten to bound storage. A sequence that a
 * client reuses for another kind of command is refused rather than answered with a result that command cannot have.
 */
final class ExactlyOnce {
    private ExactlyOnce() {
    }

    static Result apply(EntryContext context, ClientSession session, Command<?> command, Supplier<Result> applied) {
        StorageTransaction transaction = context.transaction();
        Session stored = SessionTable.load(transaction, session.clientId()).orElse(Session.NEW);
        Result result = outcome(context, session, stored, command, applied);
        long completedBelow = stored.completedBelow();
        if (session.completedBelow() > completedBelow) {
            SessionTable.forgetResults(transaction, session.clientId(), completedBelow, session.completedBelow());
            completedBelow = session.completedBelow();
        }
        SessionTable.save(transaction, session.clientId(), new Session(completedBelow, context.entryTimeMillis()));
        return result;
    }

    private static Result outcome(EntryContext context, ClientSession session, Session stored, Command<?> command,
                                  Supplier<Result> applied) {
        if (session.sequence() < stored.completedBelow()) {
            return new SequenceForgotten(session.sequence(), stored.completedBelow());
        }
        Optional<Result> earlier =
                SessionTable.storedResult(context.transaction(), session.clientId(), session.sequence());
        if (earlier.isPresent()) {
            return command.resultType().isInstance(earlier.get()) ? earlier.get()
                    : reusedSequence(session, command, earlier.get());
        }
        Result result = applied.get();
        SessionTable.storeResult(context.transaction(), session.clientId(), session.sequence(), result);
        return result;
    }

    /** A well-behaved client never reuses a sequence, so this is a client's bug; nothing is applied. */
    private static Rejected reusedSequence(ClientSession session, Command<?> command, Result earlier) {
        return new Rejected(RejectReason.INVALID_REQUEST, "sequence " + session.sequence()
                + " of this client already answered another kind of write (" + earlier.getClass().getSimpleName()
                + "); a " + command.getClass().getSimpleName() + " needs a sequence of its own");
    }
}
