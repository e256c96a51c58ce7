package io.raftkv.core.command;

import io.raftkv.core.Invariants;

import java.util.List;

/**
 * What one Raft log entry holds: a batch of requests and the leader's clock when it accepted them. Batching many
 * requests into one entry is the group commit: one log append and one fsync serve them all.
 *
 * @param leaderTimeMillis the leader's wall clock when it accepted the batch; replicas use it, never their own clocks
 */
public record LogEntry(long leaderTimeMillis, List<Request> requests) {
    public LogEntry {
        requests = List.copyOf(requests);
        Invariants.check(!requests.isEmpty(), "a log entry holds at least one request");
        Invariants.check(leaderTimeMillis >= 0, "leader time must not be negative, was %d", leaderTimeMillis);
    }
}
