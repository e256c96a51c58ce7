package io.raftkv.server.ratis;

import io.raftkv.core.Limits;
import io.raftkv.server.NodeConfig;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.retry.MultipleLinearRandomRetry;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RatisSettingsTest {
    @TempDir
    Path directory;

    /**
     * With "compose" on, a follower restarted under write load can acknowledge entries it never wrote and then stay
     * behind for as long as the leader leads (see {@link RatisSettings}); testing/RollingRestartTest caught it in about
     * one run out of three. This guards the setting against a well-meant return to the Ratis default.
     */
    @Test
    void followersAppendEveryRequestThemselvesInsteadOfComposingDuplicates() {
        RaftProperties properties = RatisSettings.serverProperties(singleNodeConfig(), directory.toFile());

        assertThat(RaftServerConfigKeys.Log.appendEntriesComposeEnabled(properties)).isFalse();
    }

    /**
     * With log metadata on, the leader appends a commit-index entry during a leader transfer, after the transferee
     * was judged up to date, and the transfer costs extra elections (see {@link RatisSettings}).
     */
    @Test
    void leaderAppendsNoCommitIndexEntriesThatWouldOutrunATransferee() {
        RaftProperties properties = RatisSettings.serverProperties(singleNodeConfig(), directory.toFile());

        assertThat(RaftServerConfigKeys.Log.logMetadataEnabled(properties)).isFalse();
    }

    /**
     * Ratis' default waits 5 s between tries once 30 appends to a follower have failed, so a follower back from a
     * long absence heard nothing for seconds and timed out (see {@link RatisSettings#appenderRetryPolicy}).
     */
    @Test
    void leaderRetriesAFailingFollowerWithinHalfAnElectionTimeoutHoweverOftenItFailed() {
        RaftProperties properties = RatisSettings.serverProperties(singleNodeConfig(), directory.toFile());
        RetryPolicy policy = MultipleLinearRandomRetry.parseCommaSeparated(
                RaftServerConfigKeys.Log.Appender.retryPolicy(properties));

        for (int failedAppends : new int[] {1, 31, 1_000, RatisSettings.APPENDER_RETRIES_MAX}) {
            RetryPolicy.Action action = policy.handleAttemptFailure(() -> failedAppends);
            assertThat(action.shouldRetry()).as("retries after %d failed appends", failedAppends).isTrue();
            assertThat(action.getSleepTime().toLong(TimeUnit.MILLISECONDS))
                    .as("wait after %d failed appends", failedAppends)
                    .isLessThanOrEqualTo(NodeConfig.ELECTION_TIMEOUT_MILLIS_DEFAULT / 2);
        }
    }

    private NodeConfig singleNodeConfig() {
        NodeConfig.Peer self = new NodeConfig.Peer("n1", "127.0.0.1", 9081);
        return NodeConfig.bootstrap("n1", List.of(self), directory, NodeConfig.StorageKind.MEMORY, Limits.DEFAULT,
                NodeConfig.SNAPSHOT_EVERY_ENTRIES_DEFAULT, NodeConfig.ELECTION_TIMEOUT_MILLIS_DEFAULT,
                NodeConfig.REQUEST_TIMEOUT_MILLIS_DEFAULT);
    }
}
