package io.raftkv.server;

import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A node's membership wiring: the {@link Membership} operations, the joining node's {@link MemberJoin}, and the
 * start-up look at the stored configuration (a node whose stored configuration no longer holds it was removed).
 */
final class NodeMembership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeMembership.class);

    private final NodeConfig config;
    private final RaftServer server;
    private final RaftGroupId groupId;
    private final Membership membership;
    private final Consumer<String> stop;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private Optional<MemberJoin> join = Optional.empty();

    /**
     * @param stop called with the reason when the node must stop serving: it was removed, or its join was refused
     */
    NodeMembership(NodeConfig config, RaftServer server, RaftGroupId groupId,
                   Supplier<Map<String, String>> httpAddresses, Consumer<String> stop) {
        this.config = config;
        this.server = server;
        this.groupId = groupId;
        this.stop = stop;
        this.membership = new Membership(config, groupId, () -> knownPeers(server, groupId, config.peers()),
                this::localLeader, httpAddresses);
    }

    Membership operations() {
        return membership;
    }

    /**
     * Every member this node knows of: its stored configuration (voters and learners), then the peers it was started
     * with, so a node restarted without peers (it joined) still reaches the cluster.
     */
    static List<RaftPeer> knownPeers(RaftServer server, RaftGroupId groupId, List<NodeConfig.Peer> configured) {
        Map<String, RaftPeer> peers = new LinkedHashMap<>();
        configuration(server, groupId).ifPresent(configuration -> {
            addAll(peers, configuration.getAllPeers(RaftPeerRole.FOLLOWER));
            addAll(peers, configuration.getAllPeers(RaftPeerRole.LISTENER));
        });
        for (NodeConfig.Peer peer : configured) {
            peers.putIfAbsent(peer.id(), RaftPeer.newBuilder().setId(peer.id()).setAddress(peer.address()).build());
        }
        return List.copyOf(peers.values());
    }

    /** The ids of the stored configuration's voters and learners (of both sides while it changes); empty if unknown. */
    static Set<String> configuredMemberIds(RaftServer server, RaftGroupId groupId) {
        return configuration(server, groupId).map(configuration -> Stream.concat(
                        configuration.getAllPeers(RaftPeerRole.FOLLOWER).stream(),
                        configuration.getAllPeers(RaftPeerRole.LISTENER).stream())
                .map(peer -> peer.getId().toString())
                .collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    private static void addAll(Map<String, RaftPeer> peers, Collection<RaftPeer> more) {
        more.forEach(peer -> peers.putIfAbsent(peer.getId().toString(), peer));
    }

    private static Optional<RaftConfiguration> configuration(RaftServer server, RaftGroupId groupId) {
        try {
            return Optional.of(server.getDivision(groupId).getRaftConf());
        } catch (IOException notStarted) {
            return Optional.empty();
        }
    }

    private Optional<String> localLeader() {
        try {
            return Optional.ofNullable(server.getDivision(groupId).getInfo().getLeaderId()).map(RaftPeerId::toString);
        } catch (IOException notStarted) {
            return Optional.empty();
        }
    }

    /**
     * Looks at the stored configuration once the Ratis server runs. Empty (a node that has never been added): if it
     * was started to join, it asks to be added. Holding this node as a learner: it goes on towards voter if it was
     * started to join. Not holding it although it holds others: the node was removed while it was down.
     */
    void start() {
        RaftConfiguration configuration = configuration(server, groupId).orElseThrow(
                () -> new UncheckedIOException(new IOException("the Ratis server of " + config.nodeId()
                        + " did not start")));
        RaftPeerId self = RaftPeerId.valueOf(config.nodeId());
        boolean hasMembers = !configuration.getAllPeers(RaftPeerRole.FOLLOWER).isEmpty();
        boolean isVoter = configuration.getPeer(self, RaftPeerRole.FOLLOWER) != null;
        boolean isLearner = configuration.getPeer(self, RaftPeerRole.LISTENER) != null;
        if (hasMembers && !isVoter && !isLearner) {
            stopServing("removed from the cluster while it was down: its stored configuration no longer holds it");
            return;
        }
        if (config.join().isEmpty()) {
            return;
        }
        if (isVoter) {
            LOG.info("node {}: already a voter of its cluster (its data dir says so); --join {} is not needed and "
                    + "was ignored", config.nodeId(), config.join().get().endpoint());
            return;
        }
        MemberJoin memberJoin = new MemberJoin(config, membership, reason -> stopServing("could not join: " + reason));
        join = Optional.of(memberJoin);
        memberJoin.start();
    }

    /**
     * This node is no longer a member, or cannot become one: says so once in the log and tells the node to stop
     * serving, as a removed etcd member shuts down.
     */
    void stopServing(String reason) {
        if (stopping.compareAndSet(false, true)) {
            LOG.warn("node {} is not a member of its cluster: {}. It stops serving; to bring it back, wipe its data "
                    + "dir and start it with --join", config.nodeId(), reason);
            stop.accept(reason);
        }
    }

    @Override
    public void close() {
        join.ifPresent(MemberJoin::close);
        membership.close();
    }
}
