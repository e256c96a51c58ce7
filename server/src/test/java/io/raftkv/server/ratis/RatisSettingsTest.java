package io.raftkv.server.ratis;

import io.raftkv.core.Limits;
import io.raftkv.server.NodeConfig;
import org.apache.ratis.client.RaftClientConfigKeys;
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

    /**
     * GrpcLogAppender resets a follower's append stream when an append outlasts the request timeout, so a timeout
     * derived from a short election timeout alone would resend appends on every slow fsync (see {@link RatisSettings}).
     */
    @Test
    void requestTimeoutsKeepTheirFloorWithAShortElectionTimeout() {
        NodeConfig config = singleNodeConfig(NodeConfig.ELECTION_TIMEOUT_MILLIS_DEFAULT);
        RaftProperties server = RatisSettings.serverProperties(config, directory.toFile());
        RaftProperties client = RatisSettings.clientProperties(config);

        assertThat(RaftServerConfigKeys.Rpc.requestTimeout(server).toLong(TimeUnit.MILLISECONDS))
                .isEqualTo(RatisSettings.REQUEST_TIMEOUT_MILLIS_MIN);
        assertThat(RaftClientConfigKeys.Rpc.requestTimeout(client).toLong(TimeUnit.MILLISECONDS))
                .isEqualTo(RatisSettings.REQUEST_TIMEOUT_MILLIS_MIN);
    }

    @Test
    void requestTimeoutsGrowWithALongElectionTimeout() {
        RaftProperties server = RatisSettings.serverProperties(singleNodeConfig(2_000), directory.toFile());

        assertThat(RaftServerConfigKeys.Rpc.requestTimeout(server).toLong(TimeUnit.MILLISECONDS)).isEqualTo(6_000);
    }

    @Test
    void electionTimeoutsRangeFromTheSettingToTwiceItWithPreVote() {
        RaftProperties server = RatisSettings.serverProperties(singleNodeConfig(300), directory.toFile());

        assertThat(RaftServerConfigKeys.Rpc.timeoutMin(server).toLong(TimeUnit.MILLISECONDS)).isEqualTo(300);
        assertThat(RaftServerConfigKeys.Rpc.timeoutMax(server).toLong(TimeUnit.MILLISECONDS)).isEqualTo(600);
        assertThat(RaftServerConfigKeys.LeaderElection.preVote(server)).isTrue();
    }

    private NodeConfig singleNodeConfig() {
        return singleNodeConfig(NodeConfig.ELECTION_TIMEOUT_MILLIS_DEFAULT);
    }

    private NodeConfig singleNodeConfig(long electionTimeoutMillis) {
        NodeConfig.Peer self = new NodeConfig.Peer("n1", "127.0.0.1", 9081);
        return NodeConfig.bootstrap("n1", List.of(self), directory, NodeConfig.StorageKind.MEMORY, Limits.DEFAULT,
                NodeConfig.SNAPSHOT_EVERY_ENTRIES_DEFAULT, electionTimeoutMillis,
                NodeConfig.REQUEST_TIMEOUT_MILLIS_DEFAULT);
    }
}
