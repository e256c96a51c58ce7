package io.raftkv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.raftkv.client.PutOptions;
import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.Limits;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests whose handling spans nodes: forwarding, retries that land on another node, TTLs, limits. The tests share
 * one cluster, since none of them harms a node, and each uses keys of its own. The TTL test runs last so that no
 * expiry changes the store revision while another test counts revisions.
 */
@Tag("integration")
@ExtendWith(ClusterLogsOnFailure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestsAcrossNodesTest implements ClusterHolder {
    /** Small, so the limit is cheap to exceed. */
    static final int VALUE_BYTES_MAX = 1024;
    static final int TTL_SECONDS = 2;
    /** Well past the TTL: expiry needs the leader's clock to pass it and a sweep or a read to notice. */
    static final Duration EXPIRY_TIMEOUT = Duration.ofSeconds(15);

    private LocalCluster cluster;
    private RaftKvClient client;

    @BeforeAll
    void startCluster(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path baseDirectory) {
        cluster = LocalCluster.start(ClusterOptions.in(baseDirectory).withValueBytesMax(VALUE_BYTES_MAX));
        cluster.awaitReady(ClusterTest.STARTUP_TIMEOUT);
        client = cluster.client();
    }

    @AfterAll
    void closeCluster() {
        clusters().forEach(LocalCluster::close);
    }

    @Override
    public List<LocalCluster> clusters() {
        return cluster == null ? List.of() : List.of(cluster);
    }

    @Test
    @Order(1)
    void followerForwardsWritesAndResponsesNameTheLeader() {
        String leader = cluster.awaitLeader(ClusterTest.ELECTION_TIMEOUT);
        for (String follower : cluster.otherThan(leader)) {
            HttpResponse<byte[]> response = cluster.http().send(cluster.http()
                    .request(cluster.node(follower), "/v1/kv/forwarded-by-" + follower)
                    .PUT(HttpRequest.BodyPublishers.ofString("via " + follower)).build());

            assertThat(response.statusCode()).as("PUT through %s: %s", follower, text(response)).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Raftkv-Node")).contains(follower);
            assertThat(response.headers().firstValue("X-Raftkv-Leader")).contains(leader);
            assertThat(value(client.get(Bytes.utf8("forwarded-by-" + follower), ReadConsistency.LINEARIZABLE)))
                    .isEqualTo(Bytes.utf8("via " + follower));
        }
    }

    @Test
    @Order(2)
    void retriedWriteAppliesOnce() {
        Result.Written base = Writes.put(client, "retried", "base");
        String leader = cluster.awaitLeader(ClusterTest.ELECTION_TIMEOUT);
        String follower = cluster.otherThan(leader).getFirst();
        String clientId = "harness-" + HexFormat.of().formatHex(randomBytes());

        HttpResponse<byte[]> first = cluster.http().send(appendOnce(follower, clientId));
        HttpResponse<byte[]> retry = cluster.http().send(appendOnce(leader, clientId));

        assertThat(first.statusCode()).as("first attempt: %s", text(first)).isEqualTo(200);
        assertThat(retry.statusCode()).as("retry: %s", text(retry)).isEqualTo(200);
        JsonNode firstJson = NodeHttp.parse(first.body());
        assertThat(NodeHttp.parse(retry.body())).isEqualTo(firstJson);
        assertThat(firstJson.path("modRevision").asLong()).isEqualTo(base.metadata().modRevision() + 1);
        QueryResult.Found found = found(client.get(Bytes.utf8("retried"), ReadConsistency.LINEARIZABLE));
        assertThat(found.keyValue().value()).isEqualTo(Bytes.utf8("base+suffix"));
        assertThat(found.keyValue().metadata().version()).isEqualTo(2);
        assertThat(found.keyValue().metadata().modRevision()).isEqualTo(base.metadata().modRevision() + 1);
    }

    @Test
    @Order(3)
    void valueLimitAndBadInputLeaveDataIntact() {
        Result.Written original = Writes.put(client, "intact", "original");
        for (String id : cluster.nodeIds()) {
            assertRejected(put(id, "/v1/kv/intact", new byte[VALUE_BYTES_MAX + 1]), 413, "value_too_large");
            assertRejected(send(id, "/v1/kv/intact?op=append", "POST", new byte[VALUE_BYTES_MAX]), 413,
                    "value_too_large");
            assertRejected(put(id, "/v1/kv/intact?ttl=soon", new byte[1]), 400, "invalid_parameter");
            assertRejected(put(id, "/v1/kv/intact?ttl=0", new byte[1]), 400, "invalid_parameter");
            assertRejected(put(id, "/v1/kv/intact?ifModRevision=-1", new byte[1]), 400, "invalid_parameter");
            assertRejected(put(id, "/v1/kv/intact?colour=red", new byte[1]), 400, "unknown_parameter");
            assertRejected(put(id, "/v1/kv/" + "k".repeat(Limits.KEY_BYTES_MAX + 1), new byte[1]), 400,
                    "invalid_key");
        }
        assertThat(put(cluster.nodeIds().getFirst(), "/v1/kv/exactly-at-the-limit", new byte[VALUE_BYTES_MAX])
                .statusCode()).as("a value of exactly the limit").isEqualTo(200);

        for (String id : cluster.nodeIds()) {
            await("the untouched key on " + id).atMost(ClusterTest.CONVERGENCE_TIMEOUT).untilAsserted(() -> {
                QueryResult.Found found = found(cluster.client(id).get(Bytes.utf8("intact"),
                        ReadConsistency.SERIALIZABLE));
                assertThat(found.keyValue().value()).isEqualTo(Bytes.utf8("original"));
                assertThat(found.keyValue().metadata()).isEqualTo(original.metadata());
            });
        }
    }

    @Test
    @Order(4)
    void ttlExpiryIsSeenTheSameOnEveryNode() {
        Bytes key = Bytes.utf8("expiring");
        Result result = client.put(key, Bytes.utf8("soon gone"), PutOptions.NONE.withTtlSeconds(TTL_SECONDS));
        assertThat(result).isInstanceOf(Result.Written.class);
        KeyMetadata written = ((Result.Written) result).metadata();
        assertThat(written.expiresAtMillis()).isPositive();

        for (String id : cluster.nodeIds()) {
            await("the expiring key on " + id).atMost(Duration.ofSeconds(TTL_SECONDS).dividedBy(2)).untilAsserted(() ->
                    assertThat(found(cluster.client(id).get(key, ReadConsistency.SERIALIZABLE)).keyValue().metadata())
                            .isEqualTo(written));
        }
        for (String id : cluster.nodeIds()) {
            await("expiry on " + id).atMost(EXPIRY_TIMEOUT).untilAsserted(() ->
                    assertThat(cluster.client(id).get(key, ReadConsistency.SERIALIZABLE))
                            .isInstanceOf(QueryResult.Missing.class));
        }
        assertThat(client.get(key, ReadConsistency.LINEARIZABLE)).isInstanceOf(QueryResult.Missing.class);
        await("every node at the same applied index and revision").atMost(ClusterTest.CONVERGENCE_TIMEOUT)
                .untilAsserted(() -> assertThat(cluster.nodeIds().stream()
                        .map(id -> cluster.view(id).map(view -> view.appliedIndex() + "@" + view.revision())
                                .orElse("unreachable"))
                        .distinct()).hasSize(1));
        await("every node listing the same keys at the same revision").atMost(ClusterTest.CONVERGENCE_TIMEOUT)
                .untilAsserted(() -> {
                    List<Listing> listings = cluster.nodeIds().stream()
                            .map(id -> cluster.http().list(cluster.node(id), Bytes.EMPTY, ReadConsistency.SERIALIZABLE))
                            .toList();
                    assertThat(listings).allSatisfy(listing -> assertThat(listing).isEqualTo(listings.getFirst()));
                    assertThat(listings.getFirst().keyValues()).doesNotContainKey(key);
                    assertThat(listings.getFirst().revision()).isGreaterThanOrEqualTo(written.modRevision());
                });
    }

    private HttpRequest appendOnce(String id, String clientId) {
        return cluster.http().request(cluster.node(id), "/v1/kv/retried?op=append")
                .header("X-Raftkv-Client-Id", clientId)
                .header("X-Raftkv-Sequence", "1")
                .header("X-Raftkv-Completed-Below", "1")
                .POST(HttpRequest.BodyPublishers.ofString("+suffix"))
                .build();
    }

    private HttpResponse<byte[]> put(String id, String pathAndQuery, byte[] body) {
        return send(id, pathAndQuery, "PUT", body);
    }

    private HttpResponse<byte[]> send(String id, String pathAndQuery, String method, byte[] body) {
        return cluster.http().send(cluster.http().request(cluster.node(id), pathAndQuery)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static void assertRejected(HttpResponse<byte[]> response, int status, String errorCode) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.request().uri(),
                text(response)).isEqualTo(status);
        assertThat(NodeHttp.parse(response.body()).path("error").asText()).isEqualTo(errorCode);
    }

    private static QueryResult.Found found(QueryResult result) {
        assertThat(result).isInstanceOf(QueryResult.Found.class);
        return (QueryResult.Found) result;
    }

    private static Bytes value(QueryResult result) {
        return found(result).keyValue().value();
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes() {
        long seed = System.nanoTime();
        System.out.println("client id seed: " + seed);
        byte[] bytes = new byte[8];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
