package io.raftkv.client;

import io.raftkv.core.NoSpaceAlarm;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoSpaceTest {
    static final String REFUSAL = "writes refused: node n3 has 12 MiB free on /data/n3, below its 64 MiB reserve "
            + "(--disk-reserve); free space there, writes resume by themselves; reads still work";

    @Test
    void aFullDiskIsANoSpaceExceptionWithTheServersReasonAndIsNotRetried() throws Exception {
        try (FakeNode full = FakeNode.answering(request -> FakeNode.Reply.json(507,
                "{\"error\":\"no_space\",\"message\":\"" + REFUSAL + "\"}"));
             RaftKvClient client = RaftKvClient.builder().endpoints(full.endpoint())
                     .operationTimeout(Duration.ofSeconds(5)).build()) {

            assertThatThrownBy(() -> client.put("k", "v"))
                    .isInstanceOfSatisfying(RaftKvNoSpaceException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(507);
                        assertThat(refused.code()).isEqualTo("no_space");
                        assertThat(refused.getMessage()).contains(REFUSAL);
                    })
                    .isInstanceOf(RaftKvRequestException.class);
            assertThat(full.requests()).as("attempts").hasSize(1);
        }
    }

    @Test
    void theClusterViewListsActiveAlarms() throws Exception {
        String body = "{\"leader\":\"n1\",\"term\":2,\"members\":[],\"alarms\":[{\"kind\":\"NO_SPACE\",\"node\":\"n3\","
                + "\"freeBytes\":12,\"reserveBytes\":64,\"directory\":\"/data/n3\"}]}";
        try (FakeNode node = FakeNode.answering(request -> FakeNode.Reply.json(200, body));
             RaftKvClient client = RaftKvClient.builder().endpoints(node.endpoint()).build()) {

            assertThat(client.cluster().noSpaceAlarms()).containsExactly(new NoSpaceAlarm("n3", 12, 64, "/data/n3"));
        }
    }
}
