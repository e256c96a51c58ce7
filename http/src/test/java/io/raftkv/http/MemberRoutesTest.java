package io.raftkv.http;

import io.raftkv.api.ClusterMember;
import io.raftkv.api.KvService;
import io.raftkv.api.NodeStatus;
import io.raftkv.api.ServiceException;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.ClientCommand;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.raftkv.http.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/cluster/members} routes against a service that records the calls and answers a fixed membership. */
class MemberRoutesTest {
    private static final List<ClusterMember> MEMBERS = List.of(
            new ClusterMember("alpha", "127.0.0.1:9081", Optional.of("127.0.0.1:8081"), ClusterMember.Role.VOTER,
                    true, OptionalLong.of(0), OptionalLong.of(0)),
            new ClusterMember("beta", "127.0.0.1:9082", Optional.empty(), ClusterMember.Role.LEARNER, false,
                    OptionalLong.empty(), OptionalLong.of(120)));

    private final MembershipService service = new MembershipService(new StateMachineService("alpha"));
    private final TestServer server = TestServer.start(service);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listAnswersEveryMemberWithRoleLeaderLagAndContact() {
        HttpResponse<byte[]> response = server.get("/v1/cluster/members");

        assertThat(response.statusCode()).isEqualTo(200);
        var members = json(response).path("members");
        assertThat(members).hasSize(2);
        assertThat(members.get(0).path("id").asText()).isEqualTo("alpha");
        assertThat(members.get(0).path("httpAddress").asText()).isEqualTo("127.0.0.1:8081");
        assertThat(members.get(0).path("leader").asBoolean()).isTrue();
        assertThat(members.get(1).path("role").asText()).isEqualTo("LEARNER");
        assertThat(members.get(1).path("httpAddress").isNull()).isTrue();
        assertThat(members.get(1).path("lagEntries").isNull()).isTrue();
        assertThat(members.get(1).path("lastContactMillis").asLong()).isEqualTo(120);
    }

    @Test
    void addPassesIdAddressAndLearner() {
        HttpResponse<byte[]> response = server.send("POST", "/v1/cluster/members",
                "{\"id\":\"n4\",\"raftAddress\":\"10.0.0.4:9084\",\"learner\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(service.calls).containsExactly("add n4 10.0.0.4:9084 learner=true");
    }

    @Test
    void addWithoutLearnerAddsAVoter() {
        server.send("POST", "/v1/cluster/members", "{\"id\":\"n4\",\"raftAddress\":\"10.0.0.4:9084\"}");

        assertThat(service.calls).containsExactly("add n4 10.0.0.4:9084 learner=false");
    }

    @Test
    void addWithABadAddressOrUnknownFieldIsInvalidParameter() {
        HttpResponse<byte[]> badAddress = server.send("POST", "/v1/cluster/members",
                "{\"id\":\"n4\",\"raftAddress\":\"10.0.0.4\"}");
        HttpResponse<byte[]> unknownField = server.send("POST", "/v1/cluster/members",
                "{\"id\":\"n4\",\"raftAddress\":\"10.0.0.4:9084\",\"voter\":true}");
        HttpResponse<byte[]> badId = server.send("POST", "/v1/cluster/members",
                "{\"id\":\"n 4\",\"raftAddress\":\"10.0.0.4:9084\"}");

        assertThat(List.of(badAddress, unknownField, badId)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).path("error").asText()).isEqualTo("invalid_parameter");
        });
        assertThat(json(unknownField).path("message").asText()).contains("'voter'");
        assertThat(service.calls).isEmpty();
    }

    @Test
    void promoteAndRemoveReachTheService() {
        assertThat(server.send("POST", "/v1/cluster/members/beta/promote", "").statusCode()).isEqualTo(200);
        assertThat(server.send("DELETE", "/v1/cluster/members/beta", "").statusCode()).isEqualTo(200);
        assertThat(server.send("DELETE", "/v1/cluster/members/beta?force=true", "").statusCode()).isEqualTo(200);

        assertThat(service.calls).containsExactly("promote beta", "remove beta force=false",
                "remove beta force=true");
    }

    @Test
    void aRefusalIs400WithTheServiceReason() {
        service.refusal = new ServiceException(ServiceException.Kind.INVALID,
                "refused: would leave 1 of 2 voters reachable, no quorum; use --force to do it anyway");

        HttpResponse<byte[]> response = server.send("DELETE", "/v1/cluster/members/beta", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("bad_request");
        assertThat(json(response).path("message").asText()).isEqualTo(
                "refused: would leave 1 of 2 voters reachable, no quorum; use --force to do it anyway");
    }

    @Test
    void wrongMethodsAre405AndOtherShapesAreNoRoute() {
        HttpResponse<byte[]> getMember = server.get("/v1/cluster/members/beta");
        HttpResponse<byte[]> getPromote = server.get("/v1/cluster/members/beta/promote");
        HttpResponse<byte[]> deeper = server.get("/v1/cluster/members/beta/other");

        assertThat(getMember.statusCode()).isEqualTo(405);
        assertThat(getMember.headers().firstValue("Allow")).contains("DELETE");
        assertThat(getPromote.statusCode()).isEqualTo(405);
        assertThat(deeper.statusCode()).isEqualTo(404);
    }

    /** Records membership calls and answers {@link #MEMBERS}, or fails with {@link #refusal} when one is set. */
    private static final class MembershipService implements KvService {
        private final KvService delegate;
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile ServiceException refusal;

        MembershipService(KvService delegate) {
            this.delegate = delegate;
        }

        private CompletableFuture<List<ClusterMember>> answer(String call) {
            if (refusal != null) {
                return CompletableFuture.failedFuture(refusal);
            }
            calls.add(call);
            return CompletableFuture.completedFuture(MEMBERS);
        }

        @Override
        public CompletableFuture<List<ClusterMember>> members() {
            return CompletableFuture.completedFuture(MEMBERS);
        }

        @Override
        public CompletableFuture<List<ClusterMember>> addMember(String id, String raftAddress, boolean learner) {
            return answer("add " + id + " " + raftAddress + " learner=" + learner);
        }

        @Override
        public CompletableFuture<List<ClusterMember>> promoteMember(String id) {
            return answer("promote " + id);
        }

        @Override
        public CompletableFuture<List<ClusterMember>> removeMember(String id, boolean force) {
            return answer("remove " + id + " force=" + force);
        }

        @Override
        public <R extends Result> CompletableFuture<R> write(ClientCommand<R> command,
                                                             Optional<ClientSession> session) {
            return delegate.write(command, session);
        }

        @Override
        public <R extends QueryResult> CompletableFuture<R> read(Query<R> query, ReadConsistency consistency) {
            return delegate.read(query, consistency);
        }

        @Override
        public NodeStatus status() {
            return delegate.status();
        }

        @Override
        public CompletableFuture<String> transferLeadership(String targetNodeId) {
            return delegate.transferLeadership(targetNodeId);
        }

        @Override
        public void writeSnapshot(OutputStream out) throws IOException {
            delegate.writeSnapshot(out);
        }
    }
}
