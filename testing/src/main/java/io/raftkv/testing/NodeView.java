package io.raftkv.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * One node's own view of the cluster, as {@code GET /v1/cluster/self} reports it.
 *
 * @param role LEADER, FOLLOWER, CANDIDATE, LISTENER or UNKNOWN
 */
public record NodeView(String nodeId, String role, Optional<String> leaderId, long term, long commitIndex,
                       long appliedIndex, long revision) {

    public boolean isLeader() {
        return "LEADER".equalsIgnoreCase(role);
    }

    /** Parses the JSON of {@code /v1/cluster/self}, a serialized {@code io.raftkv.api.NodeStatus}. */
    static NodeView fromJson(JsonNode json) {
        return new NodeView(
                firstText(json, "nodeId", "id")
                        .orElseThrow(() -> new IllegalArgumentException("no node id in " + json)),
                firstText(json, "role").orElse("UNKNOWN"),
                firstText(json, "leaderId", "leader"),
                json.path("term").asLong(),
                json.path("commitIndex").asLong(),
                json.path("appliedIndex").asLong(),
                json.path("revision").asLong());
    }

    /** The first of the named fields that holds a non-empty string; JSON null and absence both mean "none". */
    private static Optional<String> firstText(JsonNode json, String... names) {
        for (String name : names) {
            JsonNode field = json.get(name);
            if (field != null && field.isTextual() && !field.asText().isEmpty()) {
                return Optional.of(field.asText());
            }
        }
        return Optional.empty();
    }
}
