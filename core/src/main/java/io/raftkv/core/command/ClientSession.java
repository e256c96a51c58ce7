package io.raftkv.core.command;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.Limits;

/**
 * Who sent a write, so that a retried write is applied at most once (Raft dissertation, section 6.3).
 *
 * @param clientId       a random id chosen by the client
 * @param sequence       unique per write of this client, 1 or more
 * @param completedBelow every sequence below this one has had its answer, so the store may forget those results
 */
public record ClientSession(Bytes clientId, long sequence, long completedBelow) {
    public ClientSession {
        Invariants.check(!clientId.isEmpty() && clientId.length() <= Limits.CLIENT_ID_BYTES_MAX,
                "client id must be 1..%d bytes, was %d", Limits.CLIENT_ID_BYTES_MAX, clientId.length());
        Invariants.check(sequence >= 1, "sequence must be at least 1, was %d", sequence);
        Invariants.check(completedBelow >= 0 && completedBelow <= sequence,
                "completedBelow %d must be within 0..sequence %d", completedBelow, sequence);
    }
}
