package io.raftkv.testing;

import java.util.OptionalInt;

/** How a test takes a node down. */
enum Shutdown {
    /** A clean stop: the node runs its shutdown hook. */
    SIGTERM,
    /** A crash: nothing runs, nothing is flushed by the node. */
    SIGKILL;

    /** Takes the node down; returns the exit code of a clean stop, or empty for a crash. */
    OptionalInt apply(LocalCluster cluster, String id) {
        return switch (this) {
            case SIGTERM -> OptionalInt.of(cluster.stop(id));
            case SIGKILL -> {
                cluster.kill(id);
                yield OptionalInt.empty();
            }
        };
    }
}
