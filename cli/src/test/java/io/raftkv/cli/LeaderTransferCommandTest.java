package io.raftkv.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code raftkv leader transfer} against a stand-in node that reports a cluster and accepts any member as target. */
class LeaderTransferCommandTest {
    private static final String THREE_MEMBERS = "{\"leader\":\"n1\",\"term\":2,\"members\":["
            + member("n1", true, 40) + "," + member("n2", true, 38) + "," + member("n3", true, 39) + "]}";

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String clusterJson = THREE_MEMBERS;
    private volatile int transferStatus = 200;

    private static String member(String id, boolean reachable, long appliedIndex) {
        return "{\"id\":\"" + id + "\",\"raftAddress\":\"127.0.0.1:1\",\"httpAddress\":\"127.0.0.1:2\","
                + "\"reachable\":" + reachable + ",\"role\":\"FOLLOWER\",\"term\":2,\"commitIndex\":40,"
                + "\"appliedIndex\":" + appliedIndex + ",\"revision\":7}";
    }

    @BeforeEach
    void startFakeNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopFakeNode() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        if (path.equals("/v1/cluster")) {
            reply(exchange, 200, clusterJson);
        } else if (transferStatus == 200) {
            reply(exchange, 200, "{\"leader\":\"" + query.substring("to=".length()) + "\"}");
        } else {
            reply(exchange, transferStatus, "{\"error\":\"bad_request\",\"message\":\"'n9' is not a member\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private CommandRunner.Run raftkv(String... arguments) {
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        return CommandRunner.runWith(Map.of("RAFTKV_ENDPOINTS", endpoint), new byte[0], arguments);
    }

    @Test
    void transferToANamedMemberPrintsTheNewAndOldLeader() {
        CommandRunner.Run run = raftkv("leader", "transfer", "--to", "n2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("leader: n2 (was n1)" + System.lineSeparator());
        assertThat(requests).containsExactly("GET /v1/cluster", "POST /v1/cluster/leader?to=n2");
    }

    @Test
    void withoutATargetTheFollowerWithTheHighestAppliedIndexIsChosen() {
        CommandRunner.Run run = raftkv("leader", "transfer");

        assertThat(run.exitCode()).isZero();
        assertThat(requests).contains("POST /v1/cluster/leader?to=n3");
    }

    @Test
    void equallyUpToDateFollowersAreChosenBetweenById() {
        clusterJson = "{\"leader\":\"n2\",\"term\":2,\"members\":[" + member("n3", true, 40) + ","
                + member("n2", true, 40) + "," + member("n1", true, 40) + "]}";

        raftkv("leader", "transfer");

        assertThat(requests).contains("POST /v1/cluster/leader?to=n1");
    }

    @Test
    void unreachableFollowersAreNotChosen() {
        clusterJson = "{\"leader\":\"n1\",\"term\":2,\"members\":[" + member("n1", true, 40) + ","
                + member("n2", false, 0) + "," + member("n3", true, 12) + "]}";

        raftkv("leader", "transfer");

        assertThat(requests).contains("POST /v1/cluster/leader?to=n3");
    }

    @Test
    void aSingleMemberClusterIsAUsageError() {
        clusterJson = "{\"leader\":\"n1\",\"term\":2,\"members\":[" + member("n1", true, 40) + "]}";

        CommandRunner.Run run = raftkv("leader", "transfer");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("single member");
        assertThat(requests).containsExactly("GET /v1/cluster");
    }

    @Test
    void noReachableFollowerIsUnavailable() {
        clusterJson = "{\"leader\":\"n1\",\"term\":2,\"members\":[" + member("n1", true, 40) + ","
                + member("n2", false, 0) + "]}";

        CommandRunner.Run run = raftkv("leader", "transfer");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("--to");
    }

    @Test
    void anUnknownMemberIsRefused() {
        transferStatus = 400;

        CommandRunner.Run run = raftkv("leader", "transfer", "--to", "n9");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.err()).contains("'n9' is not a member");
    }

    @Test
    void leaderAloneShowsItsSubcommandsAsAUsageError() {
        CommandRunner.Run run = raftkv("leader");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("transfer");
    }
}
