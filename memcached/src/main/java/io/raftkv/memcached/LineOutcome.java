package io.raftkv.memcached;

import io.raftkv.core.Invariants;

/** What one command line turned out to be. */
sealed interface LineOutcome {

    /** A whole request: nothing more to read for it. */
    record Complete(ClientRequest request) implements LineOutcome {
    }

    /** A storage command whose data block comes next. */
    record AwaitingData(PendingValue pending) implements LineOutcome {
    }

    /**
     * A refused storage command: answer {@code reply}, then discard its data block unread, as memcached does, so the
     * data is never taken for commands.
     *
     * @param swallowBytes the data length plus its terminator, at least the terminator
     */
    record Refused(ClientRequest reply, long swallowBytes) implements LineOutcome {
        public Refused {
            Invariants.check(swallowBytes >= 2, "a refused data block has at least its terminator, got %d bytes",
                    swallowBytes);
        }
    }
}
