package io.raftkv.testing;

import java.util.List;

/** A test class that runs clusters; {@link ClusterLogsOnFailure} reports their logs when a test fails. */
interface ClusterHolder {
    List<LocalCluster> clusters();
}
