package io.raftkv.server;

import io.raftkv.api.NodeStatus;
import io.raftkv.statemachine.KvStateMachine;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The node's {@link NodeStatus}, which every HTTP response reads for its headers. It reads fields only: Ratis' view of
 * the division (role, term, leader, indexes, configuration) and what the state machine keeps in memory (position,
 * alarms, member HTTP addresses), never storage, so that a response costs no database read.
 */
final class StatusView {
    private final NodeConfig config;
    private final ClusterIdentity identity;
    private final RaftServer server;
    private final KvStateMachine machine;
    private final BooleanSupplier caughtUp;

    StatusView(NodeConfig config, ClusterIdentity identity, RaftServer server, KvStateMachine machine,
               BooleanSupplier caughtUp) {
        this.config = config;
        this.identity = identity;
        this.server = server;
        this.machine = machine;
        this.caughtUp = caughtUp;
    }

    NodeStatus status() {
        Map<String, String> httpAddresses = machine.memberHttpAddresses();
        try {
            var division = server.getDivision(identity.groupId());
            var info = division.getInfo();
            List<NodeStatus.Member> members = division.getGroup().getPeers().stream()
                    .map(peer -> new NodeStatus.Member(peer.getId().toString(), peer.getAddress(),
                            Optional.ofNullable(httpAddresses.get(peer.getId().toString()))))
                    .toList();
            Optional<String> leader = Optional.ofNullable(info.getLeaderId()).map(RaftPeerId::toString);
            return new NodeStatus(config.nodeId(), identity.clusterId(), info.getCurrentRole().name(), leader,
                    info.getCurrentTerm(), division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex(),
                    machine.revision(), members, machine.storage().kind(), machine.noSpaceAlarms(),
                    caughtUp.getAsBoolean());
        } catch (IOException notStarted) {
            List<NodeStatus.Member> members = config.peers().stream()
                    .map(peer -> new NodeStatus.Member(peer.id(), peer.address(),
                            Optional.ofNullable(httpAddresses.get(peer.id()))))
                    .toList();
            return new NodeStatus(config.nodeId(), identity.clusterId(), "UNKNOWN", Optional.empty(), 0, 0,
                    machine.appliedIndex(), machine.revision(), members, machine.storage().kind(),
                    machine.noSpaceAlarms(), false);
        }
    }
}
