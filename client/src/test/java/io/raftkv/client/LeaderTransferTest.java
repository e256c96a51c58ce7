package io.raftkv.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RaftKvClient#transferLeadership(String)} against stand-in nodes. */
class LeaderTransferTest {
    private static RaftKvClient clientFor(String... endpoints) {
        return RaftKvClient.builder().endpoints(String.join(",", endpoints)).firstEndpoint(0)
                .operationTimeout(Duration.ofSeconds(3)).build();
    }

    @Test
    void postsTheTargetAndReturnsTheNewLeader() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(200, "{\"leader\":\"n2\"}"));
             RaftKvClient client = clientFor(node.endpoint())) {
            assertThat(client.transferLeadership("n2")).isEqualTo("n2");

            FakeNode.Recorded request = node.requests().getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.rawPath()).isEqualTo("/v1/cluster/leader");
            assertThat(request.rawQuery()).isEqualTo("to=n2");
            assertThat(request.sequence()).isNull();
        }
    }

    @Test
    void anUnknownMemberIsARequestErrorAndNotRetried() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(400,
                "{\"error\":\"bad_request\",\"message\":\"'n9' is not a member; the members are n1, n2\"}"));
             RaftKvClient client = clientFor(node.endpoint())) {
            assertThatThrownBy(() -> client.transferLeadership("n9"))
                    .isInstanceOfSatisfying(RaftKvRequestException.class,
                            refused -> assertThat(refused.status()).isEqualTo(400))
                    .hasMessageContaining("'n9' is not a member");
            assertThat(node.requests()).hasSize(1);
        }
    }

    @Test
    void aFailedTransferIsTriedAgainOnTheNextNode() throws Exception {
        try (FakeNode failing = FakeNode.answering(request -> FakeNode.Reply.json(503,
                "{\"error\":\"unavailable\",\"message\":\"leader transfer to n2 failed: timed out\"}"));
             FakeNode working = FakeNode.answering(request -> FakeNode.Reply.json(200, "{\"leader\":\"n2\"}"));
             RaftKvClient client = clientFor(failing.endpoint(), working.endpoint())) {
            assertThat(client.async().transferLeadership("n2").join()).isEqualTo("n2");
            assertThat(failing.requests()).hasSize(1);
        }
    }

    @Test
    void aTransferThatKeepsFailingEndsUnavailableWithTheReason() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (FakeNode node = FakeNode.answering(request -> {
            attempts.incrementAndGet();
            return FakeNode.Reply.json(503,
                    "{\"error\":\"unavailable\",\"message\":\"leader transfer to n2 failed: timed out\"}");
        });
             RaftKvClient client = clientFor(node.endpoint())) {
            assertThatThrownBy(() -> client.transferLeadership("n2"))
                    .isInstanceOf(RaftKvUnavailableException.class)
                    .hasMessageContaining("leader transfer to n2 failed: timed out");
            assertThat(attempts.get()).isGreaterThan(1);
        }
    }

    @Test
    void aBlankTargetFailsBeforeAnythingIsSent() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(200, "{\"leader\":\"n2\"}"));
             RaftKvClient client = clientFor(node.endpoint())) {
            assertThatThrownBy(() -> client.transferLeadership(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThat(node.requests()).isEmpty();
        }
    }
}
