package io.raftkv.server.ratis;

import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.RaftPeerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Turns Ratis' notifications to the state machine into {@link RaftEvents}, and logs the ones an operator needs. */
final class RaftEventAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RaftEventAdapter.class);

    private final String nodeId;
    private final RaftEvents events;
    /** Set once a configuration that includes this node is applied, so earlier ones replayed do not count. */
    private volatile boolean wasMember;
    /** The membership last logged: Ratis reports each change more than once (appended, joint, applied). */
    private volatile String lastMembership = "";

    RaftEventAdapter(String nodeId, RaftEvents events) {
        this.nodeId = nodeId;
        this.events = events;
    }

    void leaderChanged(RaftPeerId newLeaderId) {
        LOG.info("{}: leader is now {}", nodeId, newLeaderId);
        events.leaderChanged(newLeaderId.toString());
    }

    void leaderReady() {
        events.leaderReady();
    }

    void configurationChanged(long index, RaftConfigurationProto configuration) {
        String membership = "voters " + peerIds(configuration.getPeersList()) + ", learners "
                + peerIds(configuration.getListenersList());
        if (!membership.equals(lastMembership)) {
            lastMembership = membership;
            LOG.info("{}: membership at index {}: {}", nodeId, index, membership);
        }
        boolean member = Stream.concat(configuration.getPeersList().stream(),
                configuration.getListenersList().stream()).anyMatch(peer -> peer.getId().toStringUtf8().equals(nodeId));
        if (member) {
            wasMember = true;
        } else if (wasMember) {
            events.removedFromCluster("removed from the cluster by the membership change at index " + index);
        }
    }

    private static String peerIds(List<RaftPeerProto> peers) {
        return peers.stream().map(peer -> peer.getId().toStringUtf8()).sorted()
                .collect(Collectors.joining(",", "[", "]"));
    }

    void logFailed(Throwable cause, LogEntryProto failedEntry) {
        String where = failedEntry == null ? "" : " at index " + failedEntry.getIndex();
        LOG.error("{}: writing the Raft log failed{}", nodeId, where, cause);
        events.logFailed("writing the Raft log failed" + where + ": " + rootCauseMessage(cause));
    }

    private static String rootCauseMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    void serverShutdown(RoleInfoProto roleInfo, boolean allServer) {
        LOG.info("{}: Ratis server shut down as {}", nodeId, roleInfo.getRole());
        // Ratis shuts down a single server (not all of them) only when an election showed it is not a member.
        if (!allServer) {
            events.removedFromCluster("the other members no longer count it as a member (it was removed)");
        }
    }
}
