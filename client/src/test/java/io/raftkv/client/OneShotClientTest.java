package io.raftkv.client;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.QueryResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one-shot client (HttpURLConnection on the calling thread) behaves as the default one does. */
class OneShotClientTest {

    private static RaftKvClient.Builder oneShotClient(List<String> endpoints) {
        return RaftKvClient.builder().endpoints(endpoints).firstEndpoint(0).oneShot()
                .requestTimeout(Duration.ofSeconds(2)).operationTimeout(Duration.ofSeconds(5));
    }

    @Test
    void getReadsTheRawValueAndHeaderMetadata() throws Exception {
        Map<String, String> headers = Map.of("X-Raftkv-Revision", "12", "X-Raftkv-Create-Revision", "2",
                "X-Raftkv-Mod-Revision", "11", "X-Raftkv-Version", "5", "X-Raftkv-Flags", "7",
                "X-Raftkv-Expires-At", "0");
        try (FakeNode node = FakeNode.answering(request ->
                new FakeNode.Reply(200, headers, new byte[]{1, 2, (byte) 0x80}));
             RaftKvClient client = oneShotClient(List.of(node.endpoint())).build()) {
            Bytes key = Bytes.wrap(new byte[]{'a', '/', 0, ' '});

            QueryResult result = client.get(key, ReadConsistency.SERIALIZABLE);

            assertThat(result).isEqualTo(new QueryResult.Found(12, new KeyValue(key,
                    Bytes.wrap(new byte[]{1, 2, (byte) 0x80}), new KeyMetadata(7, 5, 2, 11, 0))));
            assertThat(node.requests().getFirst().rawPath()).isEqualTo("/v1/kv/a/%00%20");
            assertThat(node.requests().getFirst().rawQuery()).isEqualTo("consistency=serializable");
        }
    }

    @Test
    void missingKeyWithAnErrorBodyIsMissing() throws Exception {
        try (FakeNode node = FakeNode.answering(request ->
                FakeNode.Reply.json(404, "{\"error\":\"not_found\",\"message\":\"no such key\"}"));
             RaftKvClient client = oneShotClient(List.of(node.endpoint())).build()) {
            assertThat(client.get("absent")).isEmpty();
            assertThat(client.delete("absent")).isEqualTo(new Result.NotFound());
        }
    }

    @Test
    void writesSendTheirBodyAndSequenceAndDecodeTheJsonAnswer() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.written(7));
             RaftKvClient client = oneShotClient(List.of(node.endpoint())).build()) {
            Result written = client.put(Bytes.utf8("k"), Bytes.utf8("value"), PutOptions.NONE.withTtlSeconds(30));

            assertThat(written).isInstanceOfSatisfying(Result.Written.class,
                    result -> assertThat(result.metadata().modRevision()).isEqualTo(7));
            FakeNode.Recorded request = node.requests().getFirst();
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(request.rawQuery()).isEqualTo("ttl=30");
            assertThat(request.body()).isEqualTo("value".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(request.sequenceNumber()).isEqualTo(1);
            assertThat(request.clientId()).isNotBlank();
        }
    }

    @Test
    void anEmptyPostReachesTheNode() throws Exception {
        String members = "{\"members\":[{\"id\":\"n4\",\"raftAddress\":\"127.0.0.1:9084\",\"role\":\"FOLLOWER\","
                + "\"leader\":false,\"lagEntries\":0,\"lastContactMillis\":3}]}";
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(200, members));
             RaftKvClient client = oneShotClient(List.of(node.endpoint())).build()) {
            List<MemberInfo> promoted = client.promoteMember("n4");

            assertThat(promoted).extracting(MemberInfo::id).containsExactly("n4");
            assertThat(node.requests().getFirst().method()).isEqualTo("POST");
            assertThat(node.requests().getFirst().body()).isEmpty();
        }
    }

    @Test
    void forgottenSequenceNamesTheSequenceThatWasSent() throws Exception {
        try (FakeNode node = FakeNode.answering(request ->
                FakeNode.Reply.json(409, "{\"error\":\"sequence_forgotten\",\"message\":\"forgotten\"}"));
             RaftKvClient client = oneShotClient(List.of(node.endpoint())).build()) {
            assertThatThrownBy(() -> client.put("k", "v"))
                    .isInstanceOfSatisfying(RaftKvSequenceForgottenException.class, forgotten -> {
                        assertThat(forgotten.sequence()).isEqualTo(1);
                        assertThat(forgotten.completedBelow()).isEqualTo(1);
                    });
        }
    }

    @Test
    void failsOverPastADeadNodeAndAnUnavailableOneWithTheSameSequence() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (FakeNode flaky = FakeNode.answering(request -> calls.incrementAndGet() == 1
                ? FakeNode.Reply.unavailable() : FakeNode.Reply.written(3));
             RaftKvClient client = oneShotClient(List.of(FakeNode.deadEndpoint(), flaky.endpoint())).build()) {
            assertThat(client.put("k", "v")).isInstanceOf(Result.Written.class);

            assertThat(flaky.requests()).hasSize(2);
            assertThat(flaky.requests()).extracting(FakeNode.Recorded::sequenceNumber).containsExactly(1L, 1L);
        }
    }

    @Test
    void aSilentNodeEndsInUnavailableNamingTheTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (FakeNode silent = FakeNode.answering(request -> {
            awaitQuietly(never);
            return FakeNode.Reply.written(1);
        });
             RaftKvClient client = RaftKvClient.builder().endpoints(List.of(silent.endpoint())).firstEndpoint(0)
                     .oneShot().requestTimeout(Duration.ofMillis(150)).operationTimeout(Duration.ofMillis(600))
                     .build()) {
            assertThatThrownBy(() -> client.get("k"))
                    .isInstanceOfSatisfying(RaftKvUnavailableException.class, error -> {
                        assertThat(error.endpointsTried()).containsExactly(silent.endpoint());
                        assertThat(error.getMessage()).contains("SocketTimeoutException");
                    });
            never.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
