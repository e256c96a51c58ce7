package io.raftkv.server;

import io.raftkv.core.Invariants;

/** Raft's quorum arithmetic: a configuration of N voters commits only with a strict majority of them. */
final class Quorum {
    private Quorum() {
    }

    /** The smallest strict majority of {@code voters}. */
    static long majority(long voters) {
        Invariants.check(voters >= 1, "a configuration needs at least one voter, had %d", voters);
        return voters / 2 + 1;
    }

    /** Whether {@code reachable} of {@code voters} voters can commit. */
    static boolean isMajority(long reachable, long voters) {
        Invariants.check(reachable >= 0 && reachable <= voters, "%d reachable of %d voters", reachable, voters);
        return reachable >= majority(voters);
    }
}
