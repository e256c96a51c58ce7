package io.raftkv.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Encodes membership requests and decodes {@code /v1/cluster/members} answers. */
final class MemberDecoder {
    private MemberDecoder() {
    }

    static byte[] addBody(String id, String raftAddress, boolean learner) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("id", id);
        body.put("raftAddress", raftAddress);
        body.put("learner", learner);
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<MemberInfo> members(HttpAnswer response) {
        if (response.statusCode() != 200) {
            throw ResponseDecoder.requestException(response);
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.body());
        } catch (IOException malformed) {
            throw new UncheckedIOException("malformed JSON from " + response.uri(), malformed);
        }
        List<MemberInfo> members = new ArrayList<>();
        for (JsonNode member : body.path("members")) {
            members.add(new MemberInfo(member.path("id").asText(), member.path("raftAddress").asText(),
                    text(member, "httpAddress"), member.path("role").asText(), member.path("leader").asBoolean(),
                    number(member, "lagEntries"), number(member, "lastContactMillis")));
        }
        return List.copyOf(members);
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static OptionalLong number(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? OptionalLong.empty() : OptionalLong.of(value.asLong());
    }
}
