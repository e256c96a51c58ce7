package io.raftkv.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.api.KvService;
import io.raftkv.api.NodeStatus;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@code /health}, {@code /ready}, {@code /v1/cluster/self}, {@code /v1/cluster} and {@code /v1/cluster/leader}. */
final class StatusRoutes {
    static final String LEADER_TARGET_PARAMETER = "to";

    private final KvService service;
    private final ClusterStatusCollector collector;

    StatusRoutes(KvService service, ClusterStatusCollector collector) {
        this.service = service;
        this.collector = collector;
    }

    CompletableFuture<Reply> health(QueryParameters query) {
        query.requireOnly(Set.of());
        ObjectNode body = Json.object();
        body.put("healthy", true);
        return CompletableFuture.completedFuture(Json.reply(200, body));
    }

    CompletableFuture<Reply> ready(QueryParameters query) {
        query.requireOnly(Set.of());
        NodeStatus status = service.status();
        ObjectNode body;
        int httpStatus;
        if (status.ready()) {
            body = Json.object();
            httpStatus = 200;
        } else {
            body = Json.error(new ApiError(503, "unavailable", notReadyReason(status)));
            httpStatus = 503;
        }
        body.put("ready", status.ready());
        body.put("commitIndex", status.commitIndex());
        body.put("appliedIndex", status.appliedIndex());
        return CompletableFuture.completedFuture(Json.reply(httpStatus, body));
    }

    CompletableFuture<Reply> self(QueryParameters query) {
        query.requireOnly(Set.of());
        return CompletableFuture.completedFuture(Json.reply(200, NodeStatusJson.of(service.status())));
    }

    CompletableFuture<Reply> cluster(QueryParameters query) {
        query.requireOnly(Set.of());
        return collector.collect();
    }

    /**
     * Moves leadership to the member named by {@code to}; answers once it leads. An unknown member and a failed
     * transfer come back from the service as {@code ServiceException}s (400 and 503).
     */
    CompletableFuture<Reply> transferLeadership(QueryParameters query) {
        query.requireOnly(Set.of(LEADER_TARGET_PARAMETER));
        String target = query.text(LEADER_TARGET_PARAMETER).filter(text -> !text.isBlank())
                .orElseThrow(() -> new InvalidInputException(ApiError.invalidParameter(
                        "'" + LEADER_TARGET_PARAMETER + "' must name the member to move leadership to")));
        return service.transferLeadership(target).thenApply(leader -> {
            ObjectNode body = Json.object();
            body.put("leader", leader);
            return Json.reply(200, body);
        });
    }

    private static String notReadyReason(NodeStatus status) {
        if (status.leaderId().isEmpty()) {
            return "no leader known";
        }
        if (!status.caughtUp()) {
            return "catching up with leader " + status.leaderId().get() + " since it started: applied "
                    + status.appliedIndex();
        }
        return "applying: applied " + status.appliedIndex() + " of committed " + status.commitIndex();
    }
}
