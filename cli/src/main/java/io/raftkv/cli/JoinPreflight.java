package io.raftkv.cli;

import io.raftkv.client.ClusterView;
import io.raftkv.client.MemberInfo;
import io.raftkv.client.RaftKvClient;
import io.raftkv.server.ClusterIdentity;
import io.raftkv.server.NodeConfig;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Before a joining node starts: asks the join endpoint for the cluster id and the members, and refuses, as a setting
 * problem, an id or Raft address already in use. A node whose data dir already belongs to a cluster (it joined
 * before, and is restarted with the same {@code --join}, as a systemd unit does) asks nothing and just starts.
 */
final class JoinPreflight {
    private JoinPreflight() {
    }

    static NodeConfig resolve(NodeConfig config, PrintStream out) {
        if (config.join().isEmpty()) {
            return config;
        }
        String endpoint = config.join().get().endpoint();
        if (Files.exists(ClusterIdentity.file(config.dataDirectory()))) {
            out.println("raftkv node " + config.nodeId() + ": its data dir " + config.dataDirectory()
                    + " already belongs to a cluster; starting as that member (--join " + endpoint + " not asked)");
            return config;
        }
        try (RaftKvClient client = RaftKvClient.builder().endpoints(List.of(endpoint)).build()) {
            List<MemberInfo> members = client.members();
            ClusterView cluster = client.cluster();
            String clusterId = cluster.clusterId().orElseThrow(() -> new SettingException("--join: " + endpoint
                    + " did not report its cluster id; is it a raftkv node of the same version?"));
            refuseTaken(config, members);
            List<NodeConfig.Peer> peers = members.stream()
                    .map(member -> peer(member, endpoint))
                    .toList();
            out.println("raftkv node " + config.nodeId() + ": joining cluster " + clusterId + " through " + endpoint
                    + " (members " + String.join(", ", members.stream().map(MemberInfo::id).toList()) + ")");
            return new NodeConfig(config.nodeId(), config.self(), peers, config.join(), Optional.of(clusterId),
                    config.dataDirectory(), config.storage(), config.limits(), config.snapshotEveryEntries(),
                    config.electionTimeoutMillis(), config.requestTimeoutMillis(), config.diskReserveBytes());
        }
    }

    /** Refuses an id or Raft address that a member already has. */
    static void refuseTaken(NodeConfig config, List<MemberInfo> members) {
        for (MemberInfo member : members) {
            if (member.id().equals(config.nodeId())) {
                throw new SettingException("--id: id " + config.nodeId() + " is already a member at "
                        + member.raftAddress() + "; pick another id, or `raftkv member remove " + config.nodeId()
                        + "` first if it is being replaced");
            }
            if (member.raftAddress().equals(config.self().address())) {
                throw new SettingException("--raft: " + config.self().address() + " is already the Raft address of "
                        + "member " + member.id());
            }
        }
    }

    private static NodeConfig.Peer peer(MemberInfo member, String endpoint) {
        int colon = member.raftAddress().lastIndexOf(':');
        if (colon <= 0) {
            throw new SettingException("--join: " + endpoint + " reported member " + member.id()
                    + " with a Raft address that is not HOST:PORT: '" + member.raftAddress() + "'");
        }
        return new NodeConfig.Peer(member.id(), member.raftAddress().substring(0, colon),
                Integer.parseInt(member.raftAddress().substring(colon + 1)));
    }
}
