package io.raftkv.server;

import io.raftkv.api.NodeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A node that starts with empty Raft storage is new, or its data was wiped. A new cluster's leader sends it the
 * log at once. But a leader that knew this node before keeps the follower's old match index as a floor for what
 * it sends next (Ratis does not expect a member's log to shrink), so it never sends the log or the snapshot that a
 * wiped node needs. If the log is still empty a few election timeouts after a leader is known, this node asks
 * that leader to step down once: the next leader tracks it from scratch and sends a snapshot. This costs one
 * election. Replacing the member (remove, then add) avoids even that.
 */
final class EmptyLogWatch {
    private static final Logger LOG = LoggerFactory.getLogger(EmptyLogWatch.class);
    /** How many election timeouts a node with an empty log waits for the leader before it asks for a new leader. */
    static final int EMPTY_LOG_PATIENCE_ELECTION_TIMEOUTS = 3;
    /** ...and at least this long: a busy leader may take a while to send a new node its first entries. */
    static final long EMPTY_LOG_PATIENCE_MILLIS_MIN = 3_000;
    static final int STEP_DOWN_REQUESTS_MAX = 3;

    private final NodeConfig config;
    private final Supplier<NodeStatus> status;
    private final BooleanSupplier closing;
    /** Asks the given leader to step down; may block for a leader transfer. */
    private final Consumer<String> requestStepDown;
    private final BackgroundWork background;

    EmptyLogWatch(NodeConfig config, Supplier<NodeStatus> status, BooleanSupplier closing,
                  Consumer<String> requestStepDown, BackgroundWork background) {
        this.config = config;
        this.status = status;
        this.closing = closing;
        this.requestStepDown = requestStepDown;
        this.background = background;
    }

    void start() {
        check(1);
    }

    private void check(int attempt) {
        long delayMillis = NodeConfig.electionTimeoutsAtLeast(config.electionTimeoutMillis(),
                EMPTY_LOG_PATIENCE_ELECTION_TIMEOUTS, EMPTY_LOG_PATIENCE_MILLIS_MIN);
        background.once("empty-log-watch", delayMillis, () -> {
            NodeStatus now = status.get();
            if (now.commitIndex() >= 0 || closing.getAsBoolean()) {
                return;
            }
            if (now.leaderId().isPresent() && !now.leaderId().get().equals(config.nodeId())) {
                LOG.info("node {}: started with an empty log and leader {} has sent nothing; asking it to step down "
                        + "so that the next leader sends a snapshot", config.nodeId(), now.leaderId().get());
                requestStepDown.accept(now.leaderId().get());
            }
            if (attempt < STEP_DOWN_REQUESTS_MAX) {
                check(attempt + 1);
            }
        });
    }
}
