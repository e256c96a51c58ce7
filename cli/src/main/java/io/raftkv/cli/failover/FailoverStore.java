package io.raftkv.cli.failover;

import java.io.IOException;
import java.util.Optional;

/**
 * A 3-node cluster of one store on loopback, started and ended by the failover benchmark, with the few operations a
 * trial needs. Nodes are numbered 1 to {@link #NODE_COUNT}; every process is started here and ended here, by handle.
 */
public interface FailoverStore extends AutoCloseable {
    int NODE_COUNT = 3;

    /** The store's name in the output: {@code raftkv} or {@code etcd}. */
    String name();

    /** Starts node {@code number}, or starts it again on the data it left. */
    void start(int number) throws IOException;

    /** Whether node {@code number}'s process runs. */
    boolean running(int number);

    /** Sends SIGKILL to node {@code number}'s process and waits until it has exited. */
    void kill(int number) throws InterruptedException;

    /**
     * What node {@code number} says, from that node alone: its own view of the leader and term. Empty when it does not
     * answer within {@code timeoutMillis}.
     */
    Optional<NodeView> view(int number, long timeoutMillis);

    /** One write of {@code value} to {@code key} through node {@code number}: true only if it was acknowledged. */
    boolean write(int number, String key, String value, long timeoutMillis);

    /** A linearizable read of {@code key} through node {@code number}; empty if the key is absent. */
    Optional<String> read(int number, String key, long timeoutMillis) throws IOException;

    @Override
    void close();

    /**
     * One node's own view.
     *
     * @param number   the node's number
     * @param leader   the leader's node number, as this node knows it; empty while it knows none
     * @param term     this node's Raft term
     * @param ready    whether the node says it serves requests (raftkv: {@code /ready}; etcd: it knows a leader)
     */
    record NodeView(int number, Optional<Integer> leader, long term, boolean ready) {
        public boolean isLeader() {
            return leader.isPresent() && leader.get() == number;
        }
    }
}
