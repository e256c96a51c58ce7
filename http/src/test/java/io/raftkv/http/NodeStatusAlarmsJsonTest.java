package io.raftkv.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.raftkv.api.NodeStatus;
import io.raftkv.core.NoSpaceAlarm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NodeStatusAlarmsJsonTest {

    private static NodeStatus status(List<NoSpaceAlarm> alarms) {
        return new NodeStatus("n1", "cluster", "LEADER", Optional.of("n1"), 2, 10, 10, 7,
                List.of(new NodeStatus.Member("n1", "127.0.0.1:9001", Optional.empty())), "rocksdb", alarms, true);
    }

    @Test
    void everyActiveAlarmIsListedWithWhatTheNodeReported() {
        JsonNode alarms = NodeStatusJson.of(status(List.of(
                new NoSpaceAlarm("n3", 12L << 20, 64L << 20, "/data/n3")))).path("alarms");

        assertThat(alarms).hasSize(1);
        assertThat(alarms.get(0).path("kind").asText()).isEqualTo("NO_SPACE");
        assertThat(alarms.get(0).path("node").asText()).isEqualTo("n3");
        assertThat(alarms.get(0).path("freeBytes").asLong()).isEqualTo(12L << 20);
        assertThat(alarms.get(0).path("reserveBytes").asLong()).isEqualTo(64L << 20);
        assertThat(alarms.get(0).path("directory").asText()).isEqualTo("/data/n3");
    }

    @Test
    void withoutAlarmsTheListIsEmptyNotMissing() {
        JsonNode alarms = NodeStatusJson.of(status(List.of())).path("alarms");

        assertThat(alarms.isArray()).isTrue();
        assertThat(alarms).isEmpty();
    }
}
