package io.raftkv.server.ratis;

/**
 * What the node hears from Ratis, in its own terms. Ratis calls these on its own threads, some while it holds its
 * locks: an implementation hands work elsewhere and returns at once, and never calls back into the Ratis server.
 */
public interface RaftEvents {
    /** A leader became known, or another node leads now (possibly this one). */
    void leaderChanged(String leaderId);

    /** This node leads and the first entry of its term has applied: it now accepts writes. */
    void leaderReady();

    /**
     * This node is no longer a member, said at least once: it applied a configuration without itself, or Ratis shut
     * its server down because the other members told it, in answer to a vote request, that it is not one of them.
     */
    void removedFromCluster(String reason);

    /**
     * Writing the Raft log failed (a disk full to the last byte, an I/O error). Ratis then refuses every later write
     * until the process restarts, so the node must stop, as it does when applying an entry fails.
     */
    void logFailed(String reason);
}
