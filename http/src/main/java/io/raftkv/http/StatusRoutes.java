package io.raftkv.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.server.KvService;
import io.raftkv.server.NodeStatus;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@code /health}, {@code /ready}, {@code /v1/cluster/self} and {@code /v1/cluster}. */
final class StatusRoutes {
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

    private static String notReadyReason(NodeStatus status) {
        return status.leaderId().isEmpty()
                ? "no leader known"
                : "applying: applied " + status.appliedIndex() + " of committed " + status.commitIndex();
    }
}
