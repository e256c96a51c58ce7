package io.raftkv.cli;

import io.raftkv.core.Limits;
import io.raftkv.server.NodeConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code server} settings for a node that joins a running cluster ({@code --join URL --raft HOST:PORT
 * [--learner]}) instead of bootstrapping one with {@code --peers}. Only checks what it is given; what the cluster
 * says comes later, from {@link JoinPreflight}.
 */
final class JoinSettings {
    private JoinSettings() {
    }

    /** The join endpoint: an http URL with a host and a port, as a member's {@code --http} address serves it. */
    static String endpoint(String text, String setting) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException malformed) {
            throw new SettingException(setting + ": expected the HTTP endpoint of a member such as "
                    + "http://10.0.0.1:8081, was '" + text + "'", malformed);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0
                || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
            throw new SettingException(setting + ": expected the HTTP endpoint of a member such as "
                    + "http://10.0.0.1:8081, was '" + text + "'");
        }
        return "http://" + uri.getHost() + ":" + uri.getPort();
    }

    /** This node's Raft address; with {@code --join} there are no peers to take it from. */
    static NodeConfig.Peer self(String id, String raftText, String setting) {
        HostPort raft = HostPort.parse(raftText, setting);
        return new NodeConfig.Peer(id, raft.host(), raft.port());
    }

    /** With {@code --peers}, a {@code --raft} must agree with this node's entry there. */
    static void requireAgreement(NodeConfig.Peer fromPeers, String raftText, String setting) {
        HostPort raft = HostPort.parse(raftText, setting);
        if (!raft.host().equals(fromPeers.host()) || raft.port() != fromPeers.port()) {
            throw new SettingException(setting + ": " + raftText + " differs from this node's entry in --peers, "
                    + fromPeers.address() + "; give one or make them agree");
        }
    }

    /**
     * A joining node's configuration. It knows no member yet: {@link JoinPreflight} asks the endpoint for the members
     * and the cluster id before the node starts.
     */
    static NodeConfig joining(String id, NodeConfig.Peer self, String endpoint, boolean learner, Path dataDirectory,
                              NodeConfig.StorageKind storage, Limits limits, long snapshotEveryEntries,
                              long electionTimeoutMillis) {
        return new NodeConfig(id, self, List.of(), Optional.of(new NodeConfig.Join(endpoint, learner)),
                Optional.empty(), dataDirectory, storage, limits, snapshotEveryEntries, electionTimeoutMillis,
                NodeConfig.REQUEST_TIMEOUT_MILLIS_DEFAULT, NodeConfig.DISK_RESERVE_BYTES_DEFAULT);
    }
}
