package io.raftkv.http;

import io.raftkv.api.KvService;
import io.raftkv.core.Invariants;
import io.raftkv.core.Limits;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Routes one request to its handler and guarantees a reply: the returned future always completes normally, with an
 * error reply when the input was bad, the cluster could not answer, or something broke.
 */
final class RequestDispatcher {
    private final KeyRoutes keyRoutes;
    private final ListRoute listRoute;
    private final StatusRoutes statusRoutes;
    private final SnapshotRoute snapshotRoute;
    private final MemberRoutes memberRoutes;

    RequestDispatcher(KvService service, Limits limits, Clock clock, ClusterStatusCollector collector) {
        this.keyRoutes = new KeyRoutes(service, limits, clock);
        this.listRoute = new ListRoute(service, limits, clock);
        this.statusRoutes = new StatusRoutes(service, collector);
        this.snapshotRoute = new SnapshotRoute(service);
        this.memberRoutes = new MemberRoutes(service);
    }

    CompletableFuture<Reply> dispatch(InboundRequest request) {
        CompletableFuture<Reply> reply;
        try {
            reply = route(request);
        } catch (RuntimeException failure) {
            // Bad input is thrown by the parsers before any service call; see InvalidInputException for why.
            reply = CompletableFuture.failedFuture(failure);
        }
        return reply.exceptionally(failure -> FailureReplies.of(failure, request));
    }

    private CompletableFuture<Reply> route(InboundRequest request) {
        RequestTarget target = RequestTarget.parse(request.uri());
        Route route = Route.match(target.rawPath());
        if (route instanceof Route.NoRoute) {
            return CompletableFuture.completedFuture(
                    Json.errorReply(new ApiError(404, "no_route", "no such path: " + target.rawPath())));
        }
        var method = HttpMethodName.of(request.method()).filter(route.methods()::contains);
        if (method.isEmpty()) {
            return CompletableFuture.completedFuture(methodNotAllowed(request, route));
        }
        QueryParameters query = QueryParameters.parse(target.rawQuery());
        return switch (route) {
            case Route.Health ignored -> statusRoutes.health(query);
            case Route.Ready ignored -> statusRoutes.ready(query);
            case Route.ClusterSelf ignored -> statusRoutes.self(query);
            case Route.Cluster ignored -> statusRoutes.cluster(query);
            case Route.ClusterLeader ignored -> statusRoutes.transferLeadership(query);
            case Route.ClusterMembers ignored -> memberRoutes.handle(method.get(), query, request);
            case Route.ClusterMember member -> memberRoutes.remove(member.rawId(), query);
            case Route.ClusterMemberPromotion promotion -> memberRoutes.promote(promotion.rawId(), query);
            case Route.KeyList ignored -> listRoute.handle(query);
            case Route.Snapshot ignored -> snapshotRoute.handle(query);
            case Route.Key key -> keyRoutes.handle(method.get(), key, query, request);
            case Route.NoRoute ignored -> throw new Invariants.InvariantViolation(
                    "NoRoute was answered above");
        };
    }

    private static Reply methodNotAllowed(InboundRequest request, Route route) {
        String allowed = route.methods().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
        return Json.errorReply(new ApiError(405, "method_not_allowed",
                        request.method() + " is not allowed here; allowed: " + allowed))
                .withHeaders(Map.of("Allow", allowed));
    }
}
