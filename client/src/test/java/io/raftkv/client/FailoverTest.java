package io.raftkv.client;

import io.raftkv.core.Bytes;
import io.raftkv.core.command.Result;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailoverTest {

    private static RaftKvClient.Builder clientFor(List<String> endpoints) {
        return RaftKvClient.builder().endpoints(endpoints).firstEndpoint(0)
                .requestTimeout(Duration.ofSeconds(2)).operationTimeout(Duration.ofSeconds(5));
    }

    @Test
    void failsOverToSecondEndpointWhenFirstIsDown() throws Exception {
        try (FakeNode live = FakeNode.answering(request -> FakeNode.Reply.written(7));
             RaftKvClient client = clientFor(List.of(FakeNode.deadEndpoint(), live.endpoint())).build()) {
            Result result = client.put(Bytes.utf8("k"), Bytes.utf8("v"));

            assertThat(result).isInstanceOfSatisfying(Result.Written.class,
                    written -> assertThat(written.metadata().modRevision()).isEqualTo(7));
            assertThat(live.requests()).hasSize(1);
        }
    }

    @Test
    void failsOverWhenFirstEndpointAnswersUnavailable() throws Exception {
        try (FakeNode leaderless = FakeNode.answering(request -> FakeNode.Reply.unavailable());
             FakeNode live = FakeNode.answering(request -> FakeNode.Reply.written(3));
             RaftKvClient client = clientFor(List.of(leaderless.endpoint(), live.endpoint())).build()) {
            assertThat(client.put("k", "v")).isInstanceOf(Result.Written.class);

            assertThat(leaderless.requests()).hasSize(1);
            assertThat(live.requests()).hasSize(1);
        }
    }

    @Test
    void retriedWriteCarriesTheSameClientIdAndSequence() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (FakeNode flaky = FakeNode.answering(request -> calls.incrementAndGet() <= 2
                ? FakeNode.Reply.json(504, "{\"error\":\"timeout\",\"message\":\"slow\"}")
                : FakeNode.Reply.written(1));
             RaftKvClient client = clientFor(List.of(flaky.endpoint())).build()) {
            client.put("first", "v");
            client.put("second", "v");

            List<FakeNode.Recorded> requests = flaky.requests();
            assertThat(requests).hasSize(4);
            assertThat(requests).extracting(FakeNode.Recorded::clientId).containsOnly(requests.get(0).clientId())
                    .doesNotContainNull();
            assertThat(requests.get(0).clientId()).matches("[A-Za-z0-9_-]{1,64}");
            assertThat(requests).extracting(FakeNode.Recorded::sequenceNumber).containsExactly(1L, 1L, 1L, 2L);
        }
    }

    @Test
    void completedBelowAdvancesOnlyPastAnsweredWrites() throws Exception {
        CountDownLatch releaseSlowWrite = new CountDownLatch(1);
        try (FakeNode node = FakeNode.answering(request -> {
            if (request.rawPath().endsWith("/slow")) {
                await(releaseSlowWrite);
            }
            return FakeNode.Reply.written(1);
        });
             RaftKvClient client = clientFor(List.of(node.endpoint())).build()) {
            client.put("a", "v");
            client.put("b", "v");
            var slowWrite = client.async().put(Bytes.utf8("slow"), Bytes.utf8("v"));
            waitUntilRequestCount(node, 3);
            client.put("c", "v");
            releaseSlowWrite.countDown();
            slowWrite.get(5, TimeUnit.SECONDS);
            client.put("d", "v");

            List<FakeNode.Recorded> requests = node.requests();
            assertThat(requests).extracting(FakeNode.Recorded::sequenceNumber).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(requests).extracting(FakeNode.Recorded::completedBelowNumber)
                    .as("c is sent while the slow write (sequence 3) is in flight, so it may not pass 3")
                    .containsExactly(1L, 2L, 3L, 3L, 5L);
        }
    }

    @Test
    void badRequestIsNotRetried() throws Exception {
        try (FakeNode node = FakeNode.answering(request ->
                FakeNode.Reply.json(400, "{\"error\":\"invalid_parameter\",\"message\":\"ttl out of range\"}"));
             RaftKvClient client = clientFor(List.of(node.endpoint(), node.endpoint())).build()) {
            assertThatThrownBy(() -> client.put("k", "v"))
                    .isInstanceOfSatisfying(RaftKvRequestException.class, error -> {
                        assertThat(error.status()).isEqualTo(400);
                        assertThat(error.code()).isEqualTo("invalid_parameter");
                        assertThat(error.getMessage()).contains("ttl out of range");
                    });
            assertThat(node.requests()).hasSize(1);
        }
    }

    @Test
    void unansweredRequestsEndInUnavailableNamingTheEndpoints() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (FakeNode silent = FakeNode.answering(request -> {
            await(never);
            return FakeNode.Reply.written(1);
        });
             RaftKvClient client = RaftKvClient.builder().endpoints(List.of(silent.endpoint())).firstEndpoint(0)
                     .requestTimeout(Duration.ofMillis(150)).operationTimeout(Duration.ofMillis(600)).build()) {
            long startNanos = System.nanoTime();
            assertThatThrownBy(() -> client.get("k"))
                    .isInstanceOfSatisfying(RaftKvUnavailableException.class, error -> {
                        assertThat(error.endpointsTried()).containsExactly(silent.endpoint());
                        assertThat(error.getMessage()).contains(silent.endpoint()).contains("Timeout");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(3));
            assertThat(silent.requests()).hasSizeGreaterThan(1);
            never.countDown();
        }
    }

    @Test
    void allEndpointsDownEndsInUnavailable() {
        String first = FakeNode.deadEndpoint();
        String second = FakeNode.deadEndpoint();
        try (RaftKvClient client = RaftKvClient.builder().endpoints(first + "," + second).firstEndpoint(0)
                .operationTimeout(Duration.ofMillis(400)).build()) {
            assertThatThrownBy(() -> client.delete("k"))
                    .isInstanceOfSatisfying(RaftKvUnavailableException.class,
                            error -> assertThat(error.endpointsTried()).containsExactly(first, second));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static void waitUntilRequestCount(FakeNode node, int count) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (node.requests().size() < count && System.nanoTime() < deadlineNanos) {
            Thread.sleep(5);
        }
        assertThat(node.requests()).hasSize(count);
    }
}
