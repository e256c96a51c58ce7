package io.raftkv.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test (or its set-up) fails, prints every node's state and log tail to stderr and attaches the same text to
 * the failure, so a CI report shows what the cluster did without anyone having to rerun it. Runs before the clusters
 * are closed, while the nodes are still as the failure left them.
 */
final class ClusterLogsOnFailure implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    static final int LOG_LINES = 60;

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withClusterLogs(context, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw withClusterLogs(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw withClusterLogs(context, failure);
    }

    private static Throwable withClusterLogs(ExtensionContext context, Throwable failure) {
        if (context.getTestInstance().orElse(null) instanceof ClusterHolder holder) {
            for (LocalCluster cluster : holder.clusters()) {
                String report = cluster.describe(LOG_LINES);
                System.err.println("Cluster state after the failure of " + context.getDisplayName() + ":\n" + report);
                failure.addSuppressed(new ClusterReport(report));
            }
        }
        return failure;
    }

    /** Carries a cluster report in a failure's suppressed exceptions; its stack trace says nothing, so it has none. */
    static final class ClusterReport extends RuntimeException {
        ClusterReport(String report) {
            super("cluster state and node logs:\n" + report, null, false, false);
        }
    }
}
