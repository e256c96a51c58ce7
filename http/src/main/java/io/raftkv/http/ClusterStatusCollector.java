package io.raftkv.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.api.KvService;
import io.raftkv.api.NodeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Builds {@code GET /v1/cluster}: asks every member for its own view ({@code /v1/cluster/self}) and merges the
 * answers. A member that does not answer within {@link #MEMBER_TIMEOUT_MILLIS} is reported unreachable; the cluster
 * page itself never fails because a member is down, since that is exactly when operators read it.
 */
final class ClusterStatusCollector implements AutoCloseable {
    static final long MEMBER_TIMEOUT_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterStatusCollector.class);

    private final KvService service;
    private final HttpClient client;

    ClusterStatusCollector(KvService service) {
        this.service = service;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(MEMBER_TIMEOUT_MILLIS))
                .build();
    }

    CompletableFuture<Reply> collect() {
        NodeStatus self = service.status();
        List<CompletableFuture<ObjectNode>> members = new ArrayList<>();
        for (NodeStatus.Member member : self.members()) {
            members.add(memberView(self, member));
        }
        return CompletableFuture.allOf(members.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            ObjectNode body = Json.object();
            body.put("clusterId", self.clusterId());
            self.leaderId().ifPresentOrElse(leader -> body.put("leader", leader), () -> body.putNull("leader"));
            body.put("term", self.term());
            ArrayNode memberArray = body.putArray("members");
            members.forEach(member -> memberArray.add(member.join()));
            // Alarms are replicated state, so this node's replica speaks for the whole cluster.
            AlarmJson.put(body, self.noSpaceAlarms());
            return Json.reply(200, body);
        });
    }

    /** This node answers from its own status; every other member is asked over HTTP. */
    private CompletableFuture<ObjectNode> memberView(NodeStatus self, NodeStatus.Member member) {
        if (member.id().equals(self.nodeId())) {
            return CompletableFuture.completedFuture(reachable(member, NodeStatusJson.of(self)));
        }
        if (member.httpAddress().isEmpty()) {
            return CompletableFuture.completedFuture(unreachable(member));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + member.httpAddress().get()
                        + "/v1/cluster/self"))
                .timeout(Duration.ofMillis(MEMBER_TIMEOUT_MILLIS))
                .GET()
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(MEMBER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .thenApply(response -> parse(member, response))
                .exceptionally(failure -> {
                    // An unreachable member is an expected outcome here and is reported in the reply itself.
                    LOG.debug("member {} did not answer at {}: {}", member.id(), member.httpAddress().get(),
                            failure.toString());
                    return unreachable(member);
                });
    }

    private static ObjectNode parse(NodeStatus.Member member, HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return unreachable(member);
        }
        try {
            return reachable(member, Json.MAPPER.readTree(response.body()));
        } catch (IOException malformed) {
            LOG.debug("member {} sent malformed status JSON: {}", member.id(), malformed.toString());
            return unreachable(member);
        }
    }

    private static ObjectNode reachable(NodeStatus.Member member, JsonNode view) {
        ObjectNode node = addresses(member);
        node.put("reachable", true);
        node.put("role", view.path("role").asText("UNKNOWN"));
        node.put("term", view.path("term").asLong());
        node.put("commitIndex", view.path("commitIndex").asLong());
        node.put("appliedIndex", view.path("appliedIndex").asLong());
        node.put("revision", view.path("revision").asLong());
        return node;
    }

    /** The numbers are 0 and the role UNKNOWN: nothing is known about a member that did not answer. */
    private static ObjectNode unreachable(NodeStatus.Member member) {
        ObjectNode node = addresses(member);
        node.put("reachable", false);
        node.put("role", "UNKNOWN");
        node.put("term", 0);
        node.put("commitIndex", 0);
        node.put("appliedIndex", 0);
        node.put("revision", 0);
        return node;
    }

    private static ObjectNode addresses(NodeStatus.Member member) {
        ObjectNode node = Json.object();
        node.put("id", member.id());
        node.put("raftAddress", member.raftAddress());
        Optional<String> httpAddress = member.httpAddress();
        httpAddress.ifPresentOrElse(address -> node.put("httpAddress", address), () -> node.putNull("httpAddress"));
        return node;
    }

    @Override
    public void close() {
        client.close();
    }
}
