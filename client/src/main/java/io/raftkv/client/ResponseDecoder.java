package io.raftkv.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.NoSpaceAlarm;
import io.raftkv.core.command.AppendResult;
import io.raftkv.core.command.DeleteResult;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.GetResult;
import io.raftkv.core.query.QueryResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Turns HTTP answers into the store's result types, per docs/http-api.md. */
final class ResponseDecoder {
    private ResponseDecoder() {
    }

    /**
     * A put's answer. The expected refusals of a write are results, each write with its own; anything else is an error
     * the caller must see.
     */
    static PutResult put(HttpAnswer response) {
        return switch (response.statusCode()) {
            case 200 -> written(response);
            case 412 -> revisionMismatch(response);
            case 413 -> tooLarge(response);
            default -> throw writeFailure(response);
        };
    }

    static AppendResult appended(HttpAnswer response) {
        return switch (response.statusCode()) {
            case 200 -> written(response);
            case 404 -> new Result.NotFound();
            case 413 -> tooLarge(response);
            default -> throw writeFailure(response);
        };
    }

    static DeleteResult deleted(HttpAnswer response) {
        return switch (response.statusCode()) {
            case 200 -> {
                JsonNode body = json(response);
                yield new Result.Deleted(body.path("revision").asLong(), metadata(body.path("previous")));
            }
            case 404 -> new Result.NotFound();
            case 413 -> tooLarge(response);
            default -> throw writeFailure(response);
        };
    }

    private static Result.Written written(HttpAnswer response) {
        return new Result.Written(metadata(json(response)));
    }

    private static Result.RevisionMismatch revisionMismatch(HttpAnswer response) {
        JsonNode current = json(response).path("current");
        return new Result.RevisionMismatch(current.isObject() ? Optional.of(metadata(current)) : Optional.empty());
    }

    private static Result.Rejected tooLarge(HttpAnswer response) {
        return new Result.Rejected(Result.RejectReason.VALUE_TOO_LARGE, errorMessage(response));
    }

    /** A forgotten sequence names the write's own sequence, which the answer's request carries. */
    private static RaftKvRequestException writeFailure(HttpAnswer response) {
        if (response.statusCode() == RaftKvSequenceForgottenException.STATUS) {
            return new RaftKvSequenceForgottenException(
                    requestHeaderLong(response, FailoverTransport.SEQUENCE_HEADER),
                    requestHeaderLong(response, FailoverTransport.COMPLETED_BELOW_HEADER));
        }
        return requestException(response);
    }

    /** A raw {@code GET /v1/kv/{key}}: the body is the value and the metadata travels in headers. */
    static GetResult got(Bytes key, HttpAnswer response) {
        long revision = response.headerLong("X-Raftkv-Revision").orElse(0);
        return switch (response.statusCode()) {
            case 200 -> new QueryResult.Found(revision, new KeyValue(key, Bytes.wrap(response.body()),
                    new KeyMetadata(
                            (int) headerLong(response, "X-Raftkv-Flags"),
                            headerLong(response, "X-Raftkv-Version"),
                            headerLong(response, "X-Raftkv-Create-Revision"),
                            headerLong(response, "X-Raftkv-Mod-Revision"),
                            headerLong(response, "X-Raftkv-Expires-At"))));
            case 404 -> new QueryResult.Missing(revision);
            default -> throw requestException(response);
        };
    }

    static QueryResult.RangeResult listed(HttpAnswer response) {
        if (response.statusCode() != 200) {
            throw requestException(response);
        }
        JsonNode body = json(response);
        List<KeyValue> keyValues = new ArrayList<>();
        for (JsonNode entry : body.path("kvs")) {
            keyValues.add(new KeyValue(bytes(entry, "key").orElse(Bytes.EMPTY), bytes(entry, "value")
                    .orElse(Bytes.EMPTY), metadata(entry)));
        }
        return new QueryResult.RangeResult(body.path("revision").asLong(), keyValues, body.path("count").asLong(),
                body.path("more").asBoolean());
    }

    static ClusterView cluster(HttpAnswer response) {
        if (response.statusCode() != 200) {
            throw requestException(response);
        }
        JsonNode body = json(response);
        List<ClusterView.Member> members = new ArrayList<>();
        for (JsonNode member : body.path("members")) {
            members.add(new ClusterView.Member(member.path("id").asText(), member.path("raftAddress").asText(),
                    text(member, "httpAddress"), member.path("reachable").asBoolean(),
                    member.path("role").asText("UNKNOWN"), member.path("term").asLong(),
                    member.path("commitIndex").asLong(), member.path("appliedIndex").asLong(),
                    member.path("revision").asLong()));
        }
        return new ClusterView(text(body, "clusterId"), text(body, "leader"), body.path("term").asLong(), members,
                noSpaceAlarms(body));
    }

    /** The {@code alarms} of {@code /v1/cluster}; an older server that sends none has none to report. */
    private static List<NoSpaceAlarm> noSpaceAlarms(JsonNode body) {
        List<NoSpaceAlarm> alarms = new ArrayList<>();
        for (JsonNode alarm : body.path("alarms")) {
            if (alarm.path("kind").asText().equals("NO_SPACE")) {
                alarms.add(new NoSpaceAlarm(alarm.path("node").asText(), alarm.path("freeBytes").asLong(),
                        alarm.path("reserveBytes").asLong(), alarm.path("directory").asText()));
            }
        }
        return alarms;
    }

    /** A leader transfer's answer: the new leader's id. */
    static String leader(HttpAnswer response) {
        if (response.statusCode() != 200) {
            throw requestException(response);
        }
        return json(response).path("leader").asText();
    }

    /**
     * A JSON field that holds a key or value: {@code name} when the bytes are UTF-8, {@code nameBase64} otherwise.
     */
    static Optional<Bytes> bytes(JsonNode node, String name) {
        JsonNode text = node.get(name);
        if (text != null && text.isTextual()) {
            return Optional.of(Bytes.utf8(text.asText()));
        }
        JsonNode base64 = node.get(name + "Base64");
        if (base64 != null && base64.isTextual()) {
            return Optional.of(Bytes.wrap(Base64.getDecoder().decode(base64.asText())));
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static KeyMetadata metadata(JsonNode node) {
        return new KeyMetadata((int) node.path("flags").asLong(), node.path("version").asLong(),
                node.path("createRevision").asLong(), node.path("modRevision").asLong(),
                node.path("expiresAt").asLong());
    }

    private static JsonNode json(HttpAnswer response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException malformed) {
            throw new UncheckedIOException("malformed JSON from " + response.uri() + " (HTTP "
                    + response.statusCode() + ")", malformed);
        }
    }

    private static long headerLong(HttpAnswer response, String name) {
        return response.headerLong(name).orElseThrow(
                () -> new IllegalStateException("the server's answer lacks the header " + name));
    }

    private static long requestHeaderLong(HttpAnswer response, String name) {
        return response.requestHeaderLong(name).orElseThrow(
                () -> new IllegalStateException("a 409 answers a write, which sends the header " + name));
    }

    static RaftKvRequestException requestException(HttpAnswer response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        try {
            JsonNode body = Json.MAPPER.readTree(text);
            if (body != null && body.path("error").asText().equals(RaftKvNoSpaceException.CODE)) {
                return new RaftKvNoSpaceException(body.path("message").asText());
            }
            if (body != null && body.has("error")) {
                return new RaftKvRequestException(response.statusCode(), body.path("error").asText(),
                        body.path("message").asText());
            }
        } catch (IOException notJson) {
            // Not our server's JSON (a proxy's page, say): the raw text below is the best description there is.
            return new RaftKvRequestException(response.statusCode(), "unknown", text.strip());
        }
        return new RaftKvRequestException(response.statusCode(), "unknown", text.strip());
    }

    private static String errorMessage(HttpAnswer response) {
        return requestException(response).getMessage();
    }
}
