package io.raftkv.client;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.QueryResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseDecodingTest {
    private static final String METADATA =
            "\"revision\":9,\"createRevision\":4,\"modRevision\":8,\"version\":3,\"flags\":4294967295,"
                    + "\"expiresAt\":1763780000000,\"ttl\":60";

    private static RaftKvClient clientFor(FakeNode node) {
        return RaftKvClient.builder().endpoints(node.endpoint()).operationTimeout(Duration.ofSeconds(3)).build();
    }

    @Test
    void listDecodesBase64KeysAndValues() throws Exception {
        String body = "{\"revision\":9,\"count\":2,\"more\":true,\"kvs\":["
                + "{\"keyBase64\":\"AP8=\",\"valueBase64\":\"/wA=\"," + METADATA + "},"
                + "{\"key\":\"user/1\",\"value\":\"ann\"," + METADATA + "}]}";
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(200, body));
             RaftKvClient client = clientFor(node)) {
            QueryResult.RangeResult range = client.list(ListOptions.prefix(Bytes.wrap(new byte[]{0, (byte) 0xff}))
                    .withLimit(2).withKeysOnly(true).withConsistency(ReadConsistency.SERIALIZABLE));

            assertThat(range.revision()).isEqualTo(9);
            assertThat(range.count()).isEqualTo(2);
            assertThat(range.more()).isTrue();
            assertThat(range.keyValues().get(0).key()).isEqualTo(Bytes.wrap(new byte[]{0, (byte) 0xff}));
            assertThat(range.keyValues().get(0).value()).isEqualTo(Bytes.wrap(new byte[]{(byte) 0xff, 0}));
            assertThat(range.keyValues().get(1).key()).isEqualTo(Bytes.utf8("user/1"));
            assertThat(range.keyValues().get(1).metadata())
                    .isEqualTo(new KeyMetadata(-1, 3, 4, 8, 1763780000000L));
            assertThat(node.requests().get(0).rawQuery())
                    .isEqualTo("prefix=%00%FF&limit=2&keysOnly=true&consistency=serializable");
        }
    }

    @Test
    void getReadsTheRawValueAndHeaderMetadataOfABinaryKey() throws Exception {
        Map<String, String> headers = Map.of("X-Raftkv-Revision", "12", "X-Raftkv-Create-Revision", "2",
                "X-Raftkv-Mod-Revision", "11", "X-Raftkv-Version", "5", "X-Raftkv-Flags", "7",
                "X-Raftkv-Expires-At", "0");
        try (FakeNode node = FakeNode.answering(request ->
                new FakeNode.Reply(200, headers, new byte[]{1, 2, (byte) 0x80}));
             RaftKvClient client = clientFor(node)) {
            Bytes key = Bytes.wrap(new byte[]{'a', '/', 0, ' '});

            QueryResult result = client.get(key, ReadConsistency.LINEARIZABLE);

            assertThat(result).isEqualTo(new QueryResult.Found(12, new io.raftkv.core.KeyValue(key,
                    Bytes.wrap(new byte[]{1, 2, (byte) 0x80}), new KeyMetadata(7, 5, 2, 11, 0))));
            assertThat(node.requests().get(0).rawPath()).isEqualTo("/v1/kv/a/%00%20");
        }
    }

    @Test
    void missingKeyIsMissingAndEmptyOptional() throws Exception {
        try (FakeNode node = FakeNode.answering(request ->
                FakeNode.Reply.json(404, "{\"error\":\"not_found\",\"message\":\"no such key\"}"));
             RaftKvClient client = clientFor(node)) {
            assertThat(client.get("absent")).isEmpty();
            assertThat(client.get(Bytes.utf8("absent"), ReadConsistency.SERIALIZABLE))
                    .isInstanceOf(QueryResult.Missing.class);
            assertThat(client.delete("absent")).isEqualTo(new Result.NotFound());
        }
    }

    @Test
    void staleCompareAndSwapReturnsTheCurrentMetadata() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(412,
                "{\"error\":\"revision_mismatch\",\"message\":\"stale\",\"current\":{\"key\":\"k\"," + METADATA + "}}"));
             RaftKvClient client = clientFor(node)) {
            Result result = client.compareAndSwap(Bytes.utf8("k"), 5, Bytes.utf8("v"));

            assertThat(result).isEqualTo(
                    new Result.RevisionMismatch(Optional.of(new KeyMetadata(-1, 3, 4, 8, 1763780000000L))));
            assertThat(node.requests().get(0).rawQuery()).isEqualTo("ifModRevision=5");
        }
    }

    @Test
    void compareAndSwapOnAbsentKeyHasNoCurrentMetadata() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(412,
                "{\"error\":\"revision_mismatch\",\"message\":\"stale\",\"current\":null}"));
             RaftKvClient client = clientFor(node)) {
            assertThat(client.compareAndSwap(Bytes.utf8("k"), 3, Bytes.utf8("v")))
                    .isEqualTo(new Result.RevisionMismatch(Optional.empty()));
        }
    }

    @Test
    void tooLargeAppendIsRejectedAndForgottenSequenceIsReported() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(413,
                "{\"error\":\"value_too_large\",\"message\":\"the value would exceed 1048576 bytes\"}"));
             RaftKvClient client = clientFor(node)) {
            assertThat(client.append(Bytes.utf8("k"), Bytes.utf8("more"), 30))
                    .isInstanceOfSatisfying(Result.Rejected.class, rejected -> {
                        assertThat(rejected.reason()).isEqualTo(Result.RejectReason.VALUE_TOO_LARGE);
                        assertThat(rejected.message()).contains("1048576");
                    });
            assertThat(node.requests().get(0).method()).isEqualTo("POST");
            assertThat(node.requests().get(0).rawQuery()).isEqualTo("op=append&ttl=30");

            node.answerWith(request -> FakeNode.Reply.json(409,
                    "{\"error\":\"sequence_forgotten\",\"message\":\"forgotten\"}"));
            assertThatThrownBy(() -> client.put("k", "v"))
                    .isInstanceOfSatisfying(RaftKvSequenceForgottenException.class, forgotten -> {
                        assertThat(forgotten.sequence()).isEqualTo(2);
                        assertThat(forgotten.completedBelow()).isEqualTo(2);
                        assertThat(forgotten.code()).isEqualTo("sequence_forgotten");
                    });
        }
    }

    @Test
    void deleteReturnsRevisionAndPreviousMetadata() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(200,
                "{\"revision\":10,\"previous\":{\"key\":\"k\"," + METADATA + "}}"));
             RaftKvClient client = clientFor(node)) {
            assertThat(client.delete("k"))
                    .isEqualTo(new Result.Deleted(10, new KeyMetadata(-1, 3, 4, 8, 1763780000000L)));
            assertThat(node.requests().get(0).method()).isEqualTo("DELETE");
        }
    }

    @Test
    void putSendsOptionsAsQueryParametersAndValueAsBody() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.written(4));
             RaftKvClient client = clientFor(node)) {
            client.put(Bytes.utf8("k"), Bytes.wrap(new byte[]{0, 1}),
                    PutOptions.NONE.withTtlSeconds(60).withFlags(-1).withIfModRevision(0));

            FakeNode.Recorded request = node.requests().get(0);
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(request.rawQuery()).isEqualTo("ttl=60&flags=4294967295&ifModRevision=0");
            assertThat(request.body()).containsExactly(0, 1);
        }
    }

    @Test
    void clusterViewIsParsedWithUnreachableMembers() throws Exception {
        String body = "{\"clusterId\":\"6f1c2a0e-4b7d-3c9a-8e5f-2d1b0a9c8e7f\",\"leader\":\"n2\",\"term\":4,"
                + "\"members\":["
                + "{\"id\":\"n1\",\"raftAddress\":\"127.0.0.1:9081\",\"httpAddress\":\"127.0.0.1:8081\","
                + "\"reachable\":true,\"role\":\"FOLLOWER\",\"term\":4,\"commitIndex\":10,\"appliedIndex\":9,"
                + "\"revision\":5},"
                + "{\"id\":\"n3\",\"raftAddress\":\"127.0.0.1:9083\",\"httpAddress\":null,\"reachable\":false}]}";
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(200, body));
             RaftKvClient client = clientFor(node)) {
            ClusterView view = client.cluster();

            assertThat(view.clusterId()).contains("6f1c2a0e-4b7d-3c9a-8e5f-2d1b0a9c8e7f");
            assertThat(view.leader()).contains("n2");
            assertThat(view.term()).isEqualTo(4);
            assertThat(view.members()).containsExactly(
                    new ClusterView.Member("n1", "127.0.0.1:9081", Optional.of("127.0.0.1:8081"), true, "FOLLOWER",
                            4, 10, 9, 5),
                    new ClusterView.Member("n3", "127.0.0.1:9083", Optional.empty(), false, "UNKNOWN", 0, 0, 0, 0));
        }
    }

    @Test
    void invalidArgumentsFailBeforeAnythingIsSent() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.written(1));
             RaftKvClient client = clientFor(node)) {
            assertThatThrownBy(() -> client.put("", "v")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty");
            assertThatThrownBy(() -> client.delete(Bytes.wrap(new byte[4097])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4096");
            assertThatThrownBy(() -> PutOptions.NONE.withTtlSeconds(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ListOptions.all().withLimit(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RaftKvClient.builder().endpoints(List.of()).build())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(node.requests()).isEmpty();
        }
    }
}
