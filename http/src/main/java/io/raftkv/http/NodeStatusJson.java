package io.raftkv.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.api.NodeStatus;

/** The JSON of {@code GET /v1/cluster/self}, which other nodes read back when they build {@code /v1/cluster}. */
final class NodeStatusJson {
    private NodeStatusJson() {
    }

    static ObjectNode of(NodeStatus status) {
        ObjectNode node = Json.object();
        node.put("id", status.nodeId());
        node.put("clusterId", status.clusterId());
        node.put("role", status.role());
        status.leaderId().ifPresentOrElse(leader -> node.put("leader", leader), () -> node.putNull("leader"));
        node.put("term", status.term());
        node.put("commitIndex", status.commitIndex());
        node.put("appliedIndex", status.appliedIndex());
        node.put("revision", status.revision());
        node.put("ready", status.ready());
        node.put("caughtUp", status.caughtUp());
        node.put("storage", status.storageKind());
        AlarmJson.put(node, status.noSpaceAlarms());
        var members = node.putArray("members");
        for (NodeStatus.Member member : status.members()) {
            ObjectNode memberNode = members.addObject();
            memberNode.put("id", member.id());
            memberNode.put("raftAddress", member.raftAddress());
            member.httpAddress().ifPresentOrElse(address -> memberNode.put("httpAddress", address),
                    () -> memberNode.putNull("httpAddress"));
        }
        return node;
    }
}
