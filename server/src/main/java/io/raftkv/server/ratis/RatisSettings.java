package io.raftkv.server.ratis;

import io.raftkv.server.NodeConfig;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Every Ratis setting raftkv changes from the defaults, with the reason. */
public final class RatisSettings {
    /** Values reach 1 MiB by default and a batch holds many; gRPC's own default (4 MiB) would cut them off. */
    public static final SizeInBytes MESSAGE_BYTES_MAX = SizeInBytes.valueOf("64MB");
    /** Followers receive appended entries in batches up to this size: one large value must fit. */
    public static final SizeInBytes APPENDER_BUFFER_BYTES_MAX = SizeInBytes.valueOf("16MB");
    /** The log writer's buffer must hold the largest entry the appender may send, plus its framing. */
    public static final SizeInBytes LOG_WRITE_BUFFER_BYTES = SizeInBytes.valueOf("17MB");
    /** Log segments roll at this size at most; only closed segments are purged after a snapshot. */
    public static final long LOG_SEGMENT_BYTES_MAX = 8L * 1024 * 1024;
    public static final long LOG_SEGMENT_BYTES_MIN = 16L * 1024;
    /** A small entry's size in the log, roughly: a few requests with short keys and values, plus framing. */
    private static final long LOG_ENTRY_BYTES_TYPICAL = 256;
    /** Failed appends to one follower that the leader retries after a short wait (see {@link #appenderRetryPolicy}). */
    static final int APPENDER_RETRIES_MAX = 1_000_000;
    /**
     * Ratis' request timeouts (a server's RPCs to its peers, and the node's own clients) are this many election
     * timeouts, but never shorter than {@link #REQUEST_TIMEOUT_MILLIS_MIN}: when an append to a follower takes longer
     * than the server's request timeout, GrpcLogAppender resets the follower's stream and starts over, so a short
     * timeout would turn one slow fsync on a loaded machine into a burst of resent appends.
     */
    static final int REQUEST_TIMEOUT_ELECTION_TIMEOUTS = 3;
    public static final long REQUEST_TIMEOUT_MILLIS_MIN = 3_000;
    /** Requests a Ratis client keeps in flight; the proposal batcher and reads stay far below it. */
    public static final int CLIENT_OUTSTANDING_REQUESTS_MAX = 4096;

    private RatisSettings() {
    }

    public static RaftProperties serverProperties(NodeConfig config, File raftDirectory) {
        RaftProperties properties = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(properties, List.of(raftDirectory));
        GrpcConfigKeys.Server.setHost(properties, config.self().host());
        GrpcConfigKeys.Server.setPort(properties, config.self().port());
        GrpcConfigKeys.setMessageSizeMax(properties, MESSAGE_BYTES_MAX);
        GrpcConfigKeys.setFlowControlWindow(properties, MESSAGE_BYTES_MAX);

        TimeDuration electionMin = TimeDuration.valueOf(config.electionTimeoutMillis(), TimeUnit.MILLISECONDS);
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, electionMin);
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, electionMin.multiply(2));
        RaftServerConfigKeys.Rpc.setRequestTimeout(properties, requestTimeout(config));
        // Pre-vote keeps a node that was cut off from bumping the term and unseating a healthy leader on return.
        RaftServerConfigKeys.LeaderElection.setPreVote(properties, true);
        // ReadIndex: a read on any node sees every write acknowledged before it began.
        RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setTimeout(properties,
                TimeDuration.valueOf(config.requestTimeoutMillis(), TimeUnit.MILLISECONDS));

        // Every append is fsynced before it counts towards a quorum: an acknowledged write survives power loss.
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(properties, false);
        RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf(logSegmentBytes(config)));
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        RaftServerConfigKeys.Log.setPurgeGap(properties, (int) Math.min(1024, config.snapshotEveryEntries()));
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(properties, APPENDER_BUFFER_BYTES_MAX);
        RaftServerConfigKeys.Log.setWriteBufferSize(properties, LOG_WRITE_BUFFER_BYTES);
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(properties, true);
        // By default the leader sleeps until 1 ms has passed since its last append to a follower before sending the
        // next: at a few milliseconds per commit that is a third of the latency. Without it, new entries go out at
        // once; a follower that is slow or down still waits a heartbeat interval between sends, so nothing spins.
        RaftServerConfigKeys.Log.Appender.setWaitTimeMin(properties, TimeDuration.ZERO);
        // With "compose" on (the Ratis 3.3 default), a follower treats an append request whose first entry equals
        // that of one still being written as a duplicate, and answers SUCCESS up to the request's LAST entry without
        // writing the entries beyond the other request's end. A follower restarted under write load gets several
        // such requests (every INCONSISTENCY reply sends the leader back to the same index), so the leader records a
        // match index past the follower's log and never sends it the missing entries: the follower stays behind for
        // as long as that leader leads. Without compose, the follower appends each request to its log in order.
        RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(properties, false);
        // With "log metadata" on (the Ratis default), the leader appends an extra entry that records its commit index
        // whenever that index advances, and it does so even while it hands leadership over. A transfer picks the
        // moment the transferee has the leader's last entry; the commit that the transferee's own acknowledgement
        // causes then appends one more entry, so the transferee's log is one short, its election is refused and the
        // cluster goes through two or three elections instead of one (testing/RollingRestartTest caught it). The
        // entry only lets a restarted node apply committed entries before it hears from a leader; without it the
        // node waits for the leader's first heartbeat, which costs nothing in safety.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(properties, false);
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(properties, appenderRetryPolicy(config));

        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, config.snapshotEveryEntries());
        RaftServerConfigKeys.Snapshot.setCreationGap(properties, Math.min(1024, config.snapshotEveryEntries()));
        return properties;
    }

    /**
     * How long the leader waits before it tries a follower again after failed appends. Ratis' default ("1ms,10, 1s,20,
     * 5s,1000") waits 5 s once 30 tries have failed, and a refused connection and an INCONSISTENCY answer both count
     * as failed. So a follower restarted after half a minute away heard nothing for up to 5 s, timed out meanwhile
     * (its pre-votes refused), and every INCONSISTENCY round trip that found where its log ends cost 5 s more: it
     * got its first new entry 8 to 15 s after it started. Here the wait stays at a quarter of the election timeout,
     * so a returning follower hears from the leader before it would time out; a try to a follower that is down is a
     * refused connection, which costs the leader next to nothing.
     */
    static String appenderRetryPolicy(NodeConfig config) {
        long waitMillis = Math.max(1, config.electionTimeoutMillis() / 4);
        return "1ms,10, " + waitMillis + "ms," + APPENDER_RETRIES_MAX;
    }

    /**
     * A snapshot lets Ratis drop only whole closed segments, so a segment should hold about one snapshot interval of
     * entries: then the log really shrinks after each snapshot, and a follower that is further behind than the log
     * reaches gets the snapshot. Frequent snapshots (small intervals, as in tests) get small segments.
     */
    static long logSegmentBytes(NodeConfig config) {
        long wanted = config.snapshotEveryEntries() * LOG_ENTRY_BYTES_TYPICAL;
        return Math.clamp(wanted, LOG_SEGMENT_BYTES_MIN, LOG_SEGMENT_BYTES_MAX);
    }

    public static RaftProperties clientProperties(NodeConfig config) {
        RaftProperties properties = new RaftProperties();
        GrpcConfigKeys.setMessageSizeMax(properties, MESSAGE_BYTES_MAX);
        GrpcConfigKeys.setFlowControlWindow(properties, MESSAGE_BYTES_MAX);
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(properties, CLIENT_OUTSTANDING_REQUESTS_MAX);
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, requestTimeout(config));
        return properties;
    }

    static TimeDuration requestTimeout(NodeConfig config) {
        return TimeDuration.valueOf(NodeConfig.electionTimeoutsAtLeast(config.electionTimeoutMillis(),
                REQUEST_TIMEOUT_ELECTION_TIMEOUTS, REQUEST_TIMEOUT_MILLIS_MIN), TimeUnit.MILLISECONDS);
    }
}
