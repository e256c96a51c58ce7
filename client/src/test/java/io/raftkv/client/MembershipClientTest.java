package io.raftkv.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The membership calls of {@link RaftKvClient} against stand-in nodes. */
class MembershipClientTest {
    private static final String MEMBERS = "{\"members\":[{\"id\":\"n1\",\"raftAddress\":\"127.0.0.1:9081\","
            + "\"httpAddress\":\"127.0.0.1:8081\",\"role\":\"VOTER\",\"leader\":true,\"lagEntries\":0,"
            + "\"lastContactMillis\":0},{\"id\":\"n4\",\"raftAddress\":\"127.0.0.1:9084\",\"httpAddress\":null,"
            + "\"role\":\"LEARNER\",\"leader\":false,\"lagEntries\":null,\"lastContactMillis\":null}]}";
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(200);
    /** Well past {@link #REQUEST_TIMEOUT}: an ordinary request would have given up and been sent again. */
    private static final long SLOW_ANSWER_MILLIS = 1_000;

    private static RaftKvClient clientFor(String... endpoints) {
        return RaftKvClient.builder().endpoints(String.join(",", endpoints)).firstEndpoint(0)
                .requestTimeout(REQUEST_TIMEOUT).operationTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void membersAreDecodedWithUnknownsEmpty() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(200, MEMBERS));
             RaftKvClient client = clientFor(node.endpoint())) {
            List<MemberInfo> members = client.members();

            assertThat(members).extracting(MemberInfo::id).containsExactly("n1", "n4");
            assertThat(members.get(0).isVoter()).isTrue();
            assertThat(members.get(0).httpAddress()).contains("127.0.0.1:8081");
            assertThat(members.get(1).role()).isEqualTo(MemberInfo.LEARNER);
            assertThat(members.get(1).httpAddress()).isEmpty();
            assertThat(members.get(1).lagEntries()).isEmpty();
            assertThat(node.requests().getFirst().rawPath()).isEqualTo("/v1/cluster/members");
        }
    }

    @Test
    void addPostsTheMemberAsJson() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(200, MEMBERS));
             RaftKvClient client = clientFor(node.endpoint())) {
            client.addMember("n4", "127.0.0.1:9084", true);

            FakeNode.Recorded request = node.requests().getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(new String(request.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"id\":\"n4\",\"raftAddress\":\"127.0.0.1:9084\",\"learner\":true}");
        }
    }

    @Test
    void promoteAndRemoveUseTheMemberPath() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(200, MEMBERS));
             RaftKvClient client = clientFor(node.endpoint())) {
            client.promoteMember("n4");
            client.removeMember("n4", true);

            assertThat(node.requests()).extracting(FakeNode.Recorded::method).containsExactly("POST", "DELETE");
            assertThat(node.requests().get(0).rawPath()).isEqualTo("/v1/cluster/members/n4/promote");
            assertThat(node.requests().get(1).rawPath()).isEqualTo("/v1/cluster/members/n4");
            assertThat(node.requests().get(1).rawQuery()).isEqualTo("force=true");
        }
    }

    @Test
    void aRefusalIsARequestErrorWithTheReasonAndNotRetried() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(400, "{\"error\":\"bad_request\","
                + "\"message\":\"refused: would leave 1 of 2 voters reachable, no quorum; use --force to do it "
                + "anyway\"}"));
             RaftKvClient client = clientFor(node.endpoint())) {
            assertThatThrownBy(() -> client.removeMember("n2", false))
                    .isInstanceOf(RaftKvRequestException.class)
                    .hasMessageContaining("would leave 1 of 2 voters reachable");
            assertThat(node.requests()).hasSize(1);
        }
    }

    @Test
    void aSlowChangeIsAwaitedNotSentAgain() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (FakeNode node = FakeNode.answering(request -> {
            try {
                never.await(SLOW_ANSWER_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return FakeNode.Reply.json(200, MEMBERS);
        });
             RaftKvClient client = clientFor(node.endpoint())) {
            assertThat(client.removeMember("n3", false)).hasSize(2);
            assertThat(node.requests()).hasSize(1);
        }
    }

    @Test
    void aMalformedIdFailsBeforeAnythingIsSent() throws Exception {
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(200, MEMBERS));
             RaftKvClient client = clientFor(node.endpoint())) {
            assertThatThrownBy(() -> client.removeMember("n/3", false)).isInstanceOf(IllegalArgumentException.class);
            assertThat(node.requests()).isEmpty();
        }
    }
}
