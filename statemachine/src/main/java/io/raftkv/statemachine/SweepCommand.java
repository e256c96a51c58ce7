package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.command.Result.Swept;
import io.raftkv.core.command.Sweep;
import io.raftkv.statemachine.SessionTable.Session;

import java.util.Optional;

/**
 * Deletes the expired keys and forgets the idle sessions the leader listed. Each is checked again at the entry's time,
 * because a key may have been written again, or a client heard from, between the leader looking and this entry.
 */
final class SweepCommand {
    private SweepCommand() {
    }

    static Swept apply(EntryContext context, Sweep sweep, long sessionIdleMillisMax) {
        int keysExpired = 0;
        for (Bytes key : sweep.keys()) {
            Optional<StoredRecord> stored = DataTable.read(context.transaction(), key)
                    .filter(record -> record.isExpiredAt(context.entryTimeMillis()));
            if (stored.isPresent()) {
                DataTable.remove(context.transaction(), key, stored.get());
                keysExpired++;
            }
        }
        // Expiring keys is one change however many keys went; forgetting sessions changes no key.
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
