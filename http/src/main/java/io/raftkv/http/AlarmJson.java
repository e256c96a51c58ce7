package io.raftkv.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.core.NoSpaceAlarm;

import java.util.List;

/**
 * The {@code alarms} array of {@code /v1/cluster/self} and {@code /v1/cluster}: every active alarm, empty when none is.
 * Each alarm names its kind, so that other kinds can join NO_SPACE later without changing the shape.
 */
final class AlarmJson {
    static final String NO_SPACE = "NO_SPACE";

    private AlarmJson() {
    }

    static void put(ObjectNode node, List<NoSpaceAlarm> noSpaceAlarms) {
        ArrayNode alarms = node.putArray("alarms");
        for (NoSpaceAlarm alarm : noSpaceAlarms) {
            ObjectNode alarmNode = alarms.addObject();
            alarmNode.put("kind", NO_SPACE);
            alarmNode.put("node", alarm.nodeId());
            alarmNode.put("freeBytes", alarm.freeBytes());
            alarmNode.put("reserveBytes", alarm.reserveBytes());
            alarmNode.put("directory", alarm.directory());
        }
    }
}
