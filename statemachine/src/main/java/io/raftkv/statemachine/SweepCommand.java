package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.command.Result.Swept;
import io.raftkv.core.command.Sweep;
import io.raftkv.statemachine.SessionTable.Session;

import java.util.Optional;

/**
 * Deletes the expired or flushed keys and forgets the idle sessions the leader listed. Each is checked again at the
 * entry's time, because a key may have been written again, or a client heard from, between the leader looking and
 * this entry. An entry that lists nothing still matters: it carries the leader's time, so a pending flush_all that is
 * due takes effect with it.
 */
final class SweepCommand {
    private SweepCommand() {
    }

    static Swept apply(EntryContext context, Sweep sweep, long sessionIdleMillisMax) {
        int keysExpired = 0;
        Visibility visibility = context.visibility();
        for (Bytes key : sweep.keys()) {
            Optional<StoredRecord> stored = DataTable.read(context.transaction(), key)
                    .filter(record -> !visibility.isLive(record));
            if (stored.isPresent()) {
                DataTable.remove(context.transaction(), key, stored.get());
                keysExpired++;
            }
        }
        // Reclaiming keys is one change however many keys went; forgetting sessions changes no key.
        if (keysExpired > 0) {
            context.nextRevision();
        }
        int sessionsForgotten = 0;
        for (Bytes clientId : sweep.idleClientIds()) {
            Optional<Session> idle = SessionTable.load(context.transaction(), clientId)
                    .filter(session -> session.isIdleAt(context.entryTimeMillis(), sessionIdleMillisMax));
            if (idle.isPresent()) {
                SessionTable.forget(context.transaction(), clientId);
                sessionsForgotten++;
            }
        }
        return new Swept(keysExpired, sessionsForgotten);
    }
}
