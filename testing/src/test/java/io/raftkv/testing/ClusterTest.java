package io.raftkv.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test that starts fresh clusters of its own, closed after each test, with their logs reported on failure. */
@Tag("integration")
@ExtendWith(ClusterLogsOnFailure.class)
abstract class ClusterTest implements ClusterHolder {
    /** Three JVMs booting Ratis and RocksDB on two shared cores take a while; this bounds a start that hangs. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** Elections take one to two election timeouts (0.3-0.6 s by default); this leaves room for a loaded machine. */
    static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(20);
    /** How long a node may take to catch up with the others once it runs again. */
    static final Duration CONVERGENCE_TIMEOUT = Duration.ofSeconds(30);

    /** Kept when a test fails, so the full node logs can be read after the run. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path baseDirectory;

    private final List<LocalCluster> clusters = new CopyOnWriteArrayList<>();

    /** Starts a cluster and waits until every node is ready. */
    LocalCluster startCluster(ClusterOptions options) {
        LocalCluster cluster = LocalCluster.start(options);
        clusters.add(cluster);
        cluster.awaitReady(STARTUP_TIMEOUT);
        return cluster;
    }

    ClusterOptions defaultOptions() {
        return ClusterOptions.in(baseDirectory);
    }

    @Override
    public List<LocalCluster> clusters() {
        return clusters;
    }

    @AfterEach
    void closeClusters() {
        clusters.forEach(LocalCluster::close);
    }
}
