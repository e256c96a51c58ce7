package io.raftkv.server;

import io.raftkv.server.ratis.RaftEvents;

import java.util.function.Consumer;

/**
 * Routes what Ratis reports to the parts of the node that act on it: leader events wake batches waiting for a leader,
 * a removal stops the node serving, a failed log stops the node. The node's parts exist only after Ratis started, so
 * they are connected afterwards; until then removal and leader events are dropped, as nothing waits for them yet.
 */
final class NodeEvents implements RaftEvents {
    private final NodeLifecycle lifecycle;
    private volatile Consumer<String> removal = reason -> { };
    private volatile Runnable leaderChange = () -> { };

    NodeEvents(NodeLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    void connect(Consumer<String> removal, Runnable leaderChange) {
        this.removal = removal;
        this.leaderChange = leaderChange;
    }

    @Override
    public void leaderChanged(String leaderId) {
        leaderChange.run();
    }

    @Override
    public void leaderReady() {
        leaderChange.run();
    }

    @Override
    public void removedFromCluster(String reason) {
        removal.accept(reason);
    }

    @Override
    public void logFailed(String reason) {
        lifecycle.logFailed(reason);
    }
}
