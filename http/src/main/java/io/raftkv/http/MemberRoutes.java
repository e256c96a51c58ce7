package io.raftkv.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.api.ClusterMember;
import io.raftkv.api.KvService;
import io.raftkv.core.Invariants;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * {@code /v1/cluster/members}: list (GET), add (POST {@code {"id","raftAddress","learner"}}),
 * {@code /v1/cluster/members/ID/promote} (POST) and {@code /v1/cluster/members/ID[?force=true]} (DELETE). Every
 * answer is the membership afterwards, as the leader sees it. Refusals come back from the service as
 * {@code ServiceException}s (400 with the reason, 503 when no leader answered).
 */
final class MemberRoutes {
    static final String FORCE_PARAMETER = "force";
    static final Set<String> ADD_FIELDS = Set.of("id", "raftAddress", "learner");
    /** The same rule as node ids everywhere ({@code NodeConfig.Peer}). */
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:/]+:(\\d{1,5})");
    private static final int PORT_MAX = 65_535;

    private final KvService service;

    MemberRoutes(KvService service) {
        this.service = service;
    }

    CompletableFuture<Reply> handle(HttpMethodName method, QueryParameters query, InboundRequest request) {
        return switch (method) {
            case GET -> list(query);
            case POST -> add(query, request);
            case PUT, DELETE -> throw new Invariants.InvariantViolation(
                    method + " on /v1/cluster/members was answered 405 before routing");
        };
    }

    private CompletableFuture<Reply> list(QueryParameters query) {
        query.requireOnly(Set.of());
        return service.members().thenApply(MemberRoutes::reply);
    }

    private CompletableFuture<Reply> add(QueryParameters query, InboundRequest request) {
        query.requireOnly(Set.of());
        JsonNode body = parseObject(request);
        String id = nodeId(body.path("id").isTextual() ? body.path("id").asText() : "");
        JsonNode address = body.path("raftAddress");
        if (!address.isTextual() || !isHostPort(address.asText())) {
            throw invalid("'raftAddress' must be HOST:PORT, the new member's Raft address");
        }
        JsonNode learner = body.path("learner");
        if (!learner.isMissingNode() && !learner.isBoolean()) {
            throw invalid("'learner' must be true or false");
        }
        return service.addMember(id, address.asText(), learner.asBoolean(false)).thenApply(MemberRoutes::reply);
    }

    CompletableFuture<Reply> promote(String rawId, QueryParameters query) {
        query.requireOnly(Set.of());
        return service.promoteMember(nodeId(rawId)).thenApply(MemberRoutes::reply);
    }

    CompletableFuture<Reply> remove(String rawId, QueryParameters query) {
        query.requireOnly(Set.of(FORCE_PARAMETER));
        return service.removeMember(nodeId(rawId), query.bool(FORCE_PARAMETER)).thenApply(MemberRoutes::reply);
    }

    private static JsonNode parseObject(InboundRequest request) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(request.body().unsafeArray());
        } catch (IOException malformed) {
            throw invalid("the body must be a JSON object {\"id\",\"raftAddress\",\"learner\"}");
        }
        if (body == null || !body.isObject()) {
            throw invalid("the body must be a JSON object {\"id\",\"raftAddress\",\"learner\"}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ADD_FIELDS.contains(name)) {
                throw invalid("unknown field '" + name + "'; the fields are id, raftAddress and learner");
            }
        }
        return body;
    }

    static String nodeId(String text) {
        if (!NODE_ID.matcher(text).matches()) {
            throw invalid("a member id is 1 to 64 of A-Z a-z 0-9 _ -, was '" + text + "'");
        }
        return text;
    }

    static boolean isHostPort(String text) {
        var matcher = HOST_PORT.matcher(text);
        if (!matcher.matches()) {
            return false;
        }
        int port = Integer.parseInt(matcher.group(1));
        return port >= 1 && port <= PORT_MAX;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(ApiError.invalidParameter(message));
    }

    private static Reply reply(List<ClusterMember> members) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("members");
        for (ClusterMember member : members) {
            ObjectNode node = array.addObject();
            node.put("id", member.id());
            node.put("raftAddress", member.raftAddress());
            member.httpAddress().ifPresentOrElse(address -> node.put("httpAddress", address),
                    () -> node.putNull("httpAddress"));
            node.put("role", member.role().name());
            node.put("leader", member.leader());
            if (member.lagEntries().isPresent()) {
                node.put("lagEntries", member.lagEntries().getAsLong());
            } else {
                node.putNull("lagEntries");
            }
            if (member.lastContactMillis().isPresent()) {
                node.put("lastContactMillis", member.lastContactMillis().getAsLong());
            } else {
                node.putNull("lastContactMillis");
            }
        }
        return Json.reply(200, body);
    }
}
