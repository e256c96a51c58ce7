package io.raftkv.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.raftkv.api.NodeStatus;
import io.raftkv.core.Bytes;
import io.raftkv.core.command.Put;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static io.raftkv.http.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

class StatusRoutesTest {
    private final StateMachineService store = new StateMachineService("alpha");
    private final TestServer server = TestServer.start(store);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthIsAlwaysOk() {
        store.setLeader(Optional.empty());

        HttpResponse<byte[]> response = server.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("healthy").asBoolean()).isTrue();
        assertThat(response.headers().firstValue("X-Raftkv-Leader")).isEmpty();
        assertThat(response.headers().firstValue("X-Raftkv-Node")).contains("alpha");
    }

    @Test
    void readyWhenALeaderIsKnownAndEverythingCommittedIsApplied() {
        HttpResponse<byte[]> response = server.get("/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("ready").asBoolean()).isTrue();
    }

    @Test
    void notReadyWithoutALeader() {
        store.setLeader(Optional.empty());

        HttpResponse<byte[]> response = server.get("/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("ready").asBoolean()).isFalse();
        assertThat(json(response).path("message").asText()).isEqualTo("no leader known");
    }

    @Test
    void notReadyUntilCaughtUpWithTheLeaderSinceItStarted() {
        server.send("PUT", "/v1/kv/k", "v");
        store.setCaughtUp(false);

        HttpResponse<byte[]> response = server.get("/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("ready").asBoolean()).isFalse();
        assertThat(json(response).path("message").asText())
                .isEqualTo("catching up with leader alpha since it started: applied 1");
        assertThat(json(server.get("/v1/cluster/self")).path("caughtUp").asBoolean()).isFalse();
    }

    @Test
    void notReadyWhileApplyingCommittedEntries() {
        server.send("PUT", "/v1/kv/k", "v");
        store.setCommitIndexAhead(3);

        HttpResponse<byte[]> response = server.get("/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("message").asText()).isEqualTo("applying: applied 1 of committed 4");
    }

    @Test
    void selfReportsThisNodesStatus() {
        server.send("PUT", "/v1/kv/k", "v");

        JsonNode body = json(server.get("/v1/cluster/self"));

        assertThat(body.path("id").asText()).isEqualTo("alpha");
        assertThat(body.path("clusterId").asText()).isEqualTo(StateMachineService.CLUSTER_ID);
        assertThat(body.path("role").asText()).isEqualTo("LEADER");
        assertThat(body.path("leader").asText()).isEqualTo("alpha");
        assertThat(body.path("appliedIndex").asLong()).isEqualTo(1);
        assertThat(body.path("revision").asLong()).isEqualTo(store.revision());
        assertThat(body.path("members").get(0).path("id").asText()).isEqualTo("alpha");
    }

    @Test
    void clusterAsksEveryMemberAndReportsTheSilentOnesUnreachable() throws IOException {
        StateMachineService otherStore = new StateMachineService("beta");
        otherStore.write(Put.of(Bytes.utf8("b"), Bytes.utf8("1")), Optional.empty());
        int closedPort;
        try (ServerSocket closed = new ServerSocket(0)) {
            closedPort = closed.getLocalPort();
        }
        try (TestServer other = TestServer.start(otherStore);
             ServerSocket silent = new ServerSocket(0)) {
            store.setMembers(List.of(
                    new NodeStatus.Member("alpha", "127.0.0.1:9001", Optional.of(server.httpAddress())),
                    new NodeStatus.Member("beta", "127.0.0.1:9002", Optional.of(other.httpAddress())),
                    new NodeStatus.Member("gamma", "127.0.0.1:9003", Optional.empty()),
                    new NodeStatus.Member("delta", "127.0.0.1:9004", Optional.of("127.0.0.1:" + closedPort)),
                    new NodeStatus.Member("epsilon", "127.0.0.1:9005",
                            Optional.of("127.0.0.1:" + silent.getLocalPort()))));
            long startNanos = System.nanoTime();

            HttpResponse<byte[]> response = server.get("/v1/cluster");

            long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.path("clusterId").asText()).isEqualTo(StateMachineService.CLUSTER_ID);
            assertThat(body.path("leader").asText()).isEqualTo("alpha");
            assertThat(body.path("term").asLong()).isEqualTo(1);
            JsonNode members = body.path("members");
            assertThat(members).hasSize(5);
            assertThat(members.get(0).path("reachable").asBoolean()).isTrue();
            assertThat(members.get(0).path("role").asText()).isEqualTo("LEADER");
            assertThat(members.get(1).path("reachable").asBoolean()).isTrue();
            assertThat(members.get(1).path("appliedIndex").asLong()).isEqualTo(1);
            assertThat(members.get(1).path("raftAddress").asText()).isEqualTo("127.0.0.1:9002");
            assertThat(members.get(2).path("reachable").asBoolean()).isFalse();
            assertThat(members.get(2).path("httpAddress").isNull()).isTrue();
            assertThat(members.get(3).path("reachable").asBoolean()).isFalse();
            assertThat(members.get(4).path("reachable").asBoolean()).isFalse();
            assertThat(elapsedMillis).isLessThan(5_000);
        }
    }
}
