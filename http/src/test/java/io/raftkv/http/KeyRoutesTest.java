package io.raftkv.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Base64;

import static io.raftkv.http.TestServer.json;
import static io.raftkv.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

class KeyRoutesTest {
    private final StateMachineService store = new StateMachineService();
    private final TestServer server = TestServer.start(store);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void putReturnsTheNewMetadata() {
        HttpResponse<byte[]> response = server.send("PUT", "/v1/kv/greeting?ttl=60&flags=7", "hello");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("key").asText()).isEqualTo("greeting");
        assertThat(body.path("revision").asLong()).isEqualTo(store.revision());
        assertThat(body.path("createRevision").asLong()).isEqualTo(store.revision());
        assertThat(body.path("modRevision").asLong()).isEqualTo(store.revision());
        assertThat(body.path("version").asLong()).isEqualTo(1);
        assertThat(body.path("flags").asLong()).isEqualTo(7);
        assertThat(body.path("ttl").asLong()).isBetween(59L, 60L);
        assertThat(body.path("expiresAt").asLong()).isGreaterThan(System.currentTimeMillis());
    }

    @Test
    void getReturnsTheRawValueWithMetadataHeaders() {
        server.send("PUT", "/v1/kv/greeting?flags=4294967295", "hello");

        HttpResponse<byte[]> response = server.get("/v1/kv/greeting");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).isEqualTo("hello");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(response.headers().firstValue("X-Raftkv-Flags")).contains("4294967295");
        assertThat(response.headers().firstValue("X-Raftkv-Version")).contains("1");
        assertThat(response.headers().firstValue("X-Raftkv-Revision")).contains(Long.toString(store.revision()));
        assertThat(response.headers().firstValue("X-Raftkv-Expires-At")).contains("0");
        assertThat(response.headers().firstValue("X-Raftkv-Node")).contains(StateMachineService.NODE_ID);
        assertThat(response.headers().firstValue("X-Raftkv-Leader")).contains(StateMachineService.NODE_ID);
    }

    @Test
    void getWithMetaReturnsJsonWithKeyValueAndMetadata() {
        server.send("PUT", "/v1/kv/greeting", "hello");
        server.send("PUT", "/v1/kv/greeting", "hello again");

        JsonNode body = json(server.get("/v1/kv/greeting?meta=true&consistency=serializable"));

        assertThat(body.path("key").asText()).isEqualTo("greeting");
        assertThat(body.path("value").asText()).isEqualTo("hello again");
        assertThat(body.path("version").asLong()).isEqualTo(2);
        assertThat(body.path("ttl").asLong()).isZero();
    }

    @Test
    void binaryKeysAndValuesRoundTrip() {
        byte[] value = {0, (byte) 0xff, (byte) 0xc3, 0x28};
        assertThat(server.send("PUT", "/v1/kv/%00%ff", value).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> raw = server.get("/v1/kv/%00%FF");
        JsonNode meta = json(server.get("/v1/kv/%00%ff?meta=true"));

        assertThat(raw.body()).containsExactly(value);
        assertThat(meta.has("key")).isFalse();
        assertThat(Base64.getDecoder().decode(meta.path("keyBase64").asText())).containsExactly(0, 0xff);
        assertThat(Base64.getDecoder().decode(meta.path("valueBase64").asText())).containsExactly(value);
    }

    @Test
    void keysMayContainSlashesAndPlusSigns() {
        server.send("PUT", "/v1/kv/a/b+c", "slash");

        assertThat(text(server.get("/v1/kv/a%2Fb%2Bc"))).isEqualTo("slash");
        assertThat(server.get("/v1/kv/a/b%20c").statusCode()).isEqualTo(404);
    }

    @Test
    void appendExtendsTheValueAndKeepsTheExpiryWithoutTtl() {
        long expiresAt = json(server.send("PUT", "/v1/kv/greeting?ttl=100", "hello")).path("expiresAt").asLong();

        JsonNode appended = json(server.send("POST", "/v1/kv/greeting?op=append", " world"));

        assertThat(appended.path("version").asLong()).isEqualTo(2);
        assertThat(appended.path("expiresAt").asLong()).isEqualTo(expiresAt);
        assertThat(text(server.get("/v1/kv/greeting"))).isEqualTo("hello world");
    }

    @Test
    void appendWithTtlAndEmptyBodyOnlyRefreshesTheExpiry() {
        server.send("PUT", "/v1/kv/greeting", "hello");

        JsonNode appended = json(server.send("POST", "/v1/kv/greeting?op=append&ttl=30", ""));

        assertThat(appended.path("ttl").asLong()).isBetween(29L, 30L);
        assertThat(text(server.get("/v1/kv/greeting"))).isEqualTo("hello");
    }

    @Test
    void appendToAMissingKeyIsNotFound() {
        HttpResponse<byte[]> response = server.send("POST", "/v1/kv/absent?op=append", "x");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("not_found");
        assertThat(server.get("/v1/kv/absent").statusCode()).isEqualTo(404);
    }

    @Test
    void appendPastTheValueLimitIsRefusedAndChangesNothing() {
        String half = "x".repeat(TestServer.VALUE_BYTES_MAX / 2 + 1);
        server.send("PUT", "/v1/kv/big", half);

        HttpResponse<byte[]> response = server.send("POST", "/v1/kv/big?op=append", half);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("error").asText()).isEqualTo("value_too_large");
        assertThat(text(server.get("/v1/kv/big"))).isEqualTo(half);
    }

    @Test
    void deleteReturnsTheRevisionAndPreviousMetadata() {
        server.send("PUT", "/v1/kv/greeting?flags=3", "hello");

        HttpResponse<byte[]> response = server.send("DELETE", "/v1/kv/greeting", "");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("revision").asLong()).isEqualTo(store.revision());
        assertThat(body.path("previous").path("flags").asLong()).isEqualTo(3);
        assertThat(body.path("previous").path("key").asText()).isEqualTo("greeting");
        assertThat(server.get("/v1/kv/greeting").statusCode()).isEqualTo(404);
    }

    @Test
    void deleteOfAMissingKeyIsNotFound() {
        HttpResponse<byte[]> response = server.send("DELETE", "/v1/kv/absent", "");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void getOfAMissingKeyIsNotFoundWithTheReadRevision() {
        server.send("PUT", "/v1/kv/other", "x");

        HttpResponse<byte[]> response = server.get("/v1/kv/absent");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("not_found");
        assertThat(response.headers().firstValue("X-Raftkv-Revision")).contains(Long.toString(store.revision()));
    }

    @Test
    void compareAndSwapSucceedsOnTheCurrentRevisionAndFailsOnAStaleOne() {
        long modRevision = json(server.send("PUT", "/v1/kv/greeting", "v1")).path("modRevision").asLong();

        HttpResponse<byte[]> swapped = server.send("PUT", "/v1/kv/greeting?ifModRevision=" + modRevision, "v2");
        HttpResponse<byte[]> stale = server.send("PUT", "/v1/kv/greeting?ifModRevision=" + modRevision, "v3");

        assertThat(swapped.statusCode()).isEqualTo(200);
        assertThat(stale.statusCode()).isEqualTo(412);
        JsonNode body = json(stale);
        assertThat(body.path("error").asText()).isEqualTo("revision_mismatch");
        assertThat(body.path("current").path("modRevision").asLong())
                .isEqualTo(json(swapped).path("modRevision").asLong());
        assertThat(text(server.get("/v1/kv/greeting"))).isEqualTo("v2");
    }

    @Test
    void compareAndSwapWithZeroCreatesOnlyWhenAbsent() {
        HttpResponse<byte[]> created = server.send("PUT", "/v1/kv/fresh?ifModRevision=0", "first");
        HttpResponse<byte[]> refused = server.send("PUT", "/v1/kv/fresh?ifModRevision=0", "second");
        HttpResponse<byte[]> absent = server.send("PUT", "/v1/kv/other?ifModRevision=7", "x");

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(412);
        assertThat(absent.statusCode()).isEqualTo(412);
        assertThat(json(absent).path("current").isNull()).isTrue();
        assertThat(text(server.get("/v1/kv/fresh"))).isEqualTo("first");
    }

    @Test
    void aRetriedWriteIsAppliedOnceAndAForgottenSequenceIsRefused() {
        String[] session = {"X-Raftkv-Client-Id", "client-1", "X-Raftkv-Sequence", "1"};
        JsonNode first = json(server.send("POST", "/v1/kv/log?op=append", "a", session));
        server.send("PUT", "/v1/kv/log", "start");
        server.send("POST", "/v1/kv/log?op=append", "b", "X-Raftkv-Client-Id", "client-1",
                "X-Raftkv-Sequence", "3", "X-Raftkv-Completed-Below", "3");

        HttpResponse<byte[]> forgotten = server.send("POST", "/v1/kv/log?op=append", "a", session);

        assertThat(first.path("error").asText()).isEqualTo("not_found");
        assertThat(forgotten.statusCode()).isEqualTo(409);
        assertThat(json(forgotten).path("error").asText()).isEqualTo("sequence_forgotten");
        assertThat(json(forgotten).path("message").asText())
                .isEqualTo("sequence 1 is below the client's completed mark 3; its outcome was forgotten");
        assertThat(text(server.get("/v1/kv/log"))).isEqualTo("startb");
    }

    @Test
    void aSequenceReusedForAnotherKindOfWriteIsRefusedAsABadRequest() {
        String[] session = {"X-Raftkv-Client-Id", "client-3", "X-Raftkv-Sequence", "1"};
        server.send("PUT", "/v1/kv/reused", "x", session);

        HttpResponse<byte[]> reused = server.send("DELETE", "/v1/kv/reused", "", session);

        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(json(reused).path("error").asText()).isEqualTo("bad_request");
        assertThat(text(server.get("/v1/kv/reused"))).isEqualTo("x");
    }

    @Test
    void aRetryWithTheSameSequenceReturnsTheFirstResultWithoutApplyingAgain() {
        server.send("PUT", "/v1/kv/log", "x");
        String[] session = {"X-Raftkv-Client-Id", "client-2", "X-Raftkv-Sequence", "5"};

        JsonNode first = json(server.send("POST", "/v1/kv/log?op=append", "y", session));
        JsonNode retry = json(server.send("POST", "/v1/kv/log?op=append", "y", session));

        assertThat(retry.path("modRevision").asLong()).isEqualTo(first.path("modRevision").asLong());
        assertThat(text(server.get("/v1/kv/log"))).isEqualTo("xy");
    }
}
