package io.raftkv.client;

import io.raftkv.core.Invariants;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Stamps writes so the server applies a retried write at most once: one random client id per client instance, a
 * sequence number per write (the same on every retry of that write), and the lowest sequence still in flight, below
 * which the server may forget its remembered answers.
 */
final class WriteSequencer {
    /** 16 random bytes: collisions between clients are out of the question. */
    private static final int CLIENT_ID_RANDOM_BYTES = 16;

    private final String clientId;
    private final ConcurrentSkipListSet<Long> sequencesInFlight = new ConcurrentSkipListSet<>();
    private long nextSequence = 1;

    WriteSequencer() {
        byte[] random = new byte[CLIENT_ID_RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        this.clientId = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    String clientId() {
        return clientId;
    }

    /**
     * Takes the next sequence and marks it in flight in one step. Were the two apart, another thread could compute
     * completedBelow past a sequence that was taken but not yet marked, and the server would forget it too early.
     */
    synchronized long begin() {
        long sequence = nextSequence++;
        sequencesInFlight.add(sequence);
        return sequence;
    }

    /** The write has its answer (or the client gave up on it); it will never be sent again. */
    void complete(long sequence) {
        boolean wasInFlight = sequencesInFlight.remove(sequence);
        Invariants.check(wasInFlight, "sequence %d completed twice or never begun", sequence);
    }

    /** Every sequence below this has had its answer. */
    synchronized long completedBelow() {
        return sequencesInFlight.isEmpty() ? nextSequence : sequencesInFlight.first();
    }
}
