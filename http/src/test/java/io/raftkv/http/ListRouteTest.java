package io.raftkv.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.raftkv.http.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

class ListRouteTest {
    private final StateMachineService store = new StateMachineService();
    private final TestServer server = TestServer.start(store);

    @BeforeEach
    void fill() {
        for (String key : List.of("a", "user/1", "user/2", "user/3", "users", "z")) {
            server.send("PUT", "/v1/kv/" + key, "value-of-" + key);
        }
        server.send("PUT", "/v1/kv/%ff%00", new byte[] {(byte) 0xfe, 1});
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void prefixListsMatchingKeysWithValuesAndMetadata() {
        JsonNode body = json(server.get("/v1/kv?prefix=user%2F"));

        assertThat(keys(body)).containsExactly("user/1", "user/2", "user/3");
        assertThat(body.path("count").asLong()).isEqualTo(3);
        assertThat(body.path("more").asBoolean()).isFalse();
        assertThat(body.path("revision").asLong()).isEqualTo(store.revision());
        JsonNode first = body.path("kvs").get(0);
        assertThat(first.path("value").asText()).isEqualTo("value-of-user/1");
        assertThat(first.path("version").asLong()).isEqualTo(1);
    }

    @Test
    void startAndEndListAHalfOpenRangeInByteOrder() {
        JsonNode body = json(server.get("/v1/kv?start=user/2&end=z"));

        assertThat(keys(body)).containsExactly("user/2", "user/3", "users");
    }

    @Test
    void withoutBoundsEveryKeyIsListedAndBinaryKeysComeAsBase64() {
        JsonNode body = json(server.get("/v1/kv"));

        assertThat(body.path("count").asLong()).isEqualTo(7);
        JsonNode last = body.path("kvs").get(6);
        assertThat(Base64.getDecoder().decode(last.path("keyBase64").asText())).containsExactly(0xff, 0);
        assertThat(Base64.getDecoder().decode(last.path("valueBase64").asText())).containsExactly(0xfe, 1);
    }

    @Test
    void limitCutsTheListingAndSaysMore() {
        JsonNode body = json(server.get("/v1/kv?prefix=user&limit=2"));

        assertThat(keys(body)).containsExactly("user/1", "user/2");
        assertThat(body.path("more").asBoolean()).isTrue();
        assertThat(body.path("count").asLong()).isEqualTo(4);
    }

    @Test
    void keysOnlyLeavesValuesOut() {
        JsonNode body = json(server.get("/v1/kv?prefix=user/&keysOnly=true"));

        assertThat(keys(body)).hasSize(3);
        assertThat(body.path("kvs").get(0).has("value")).isFalse();
    }

    @Test
    void countOnlyReturnsOnlyTheCount() {
        JsonNode body = json(server.get("/v1/kv?prefix=user/&countOnly=true&consistency=serializable"));

        assertThat(body.path("count").asLong()).isEqualTo(3);
        assertThat(body.has("kvs")).isFalse();
    }

    @Test
    void aBinaryPrefixIsPercentDecodedToBytes() {
        JsonNode body = json(server.get("/v1/kv?prefix=%ff"));

        assertThat(body.path("count").asLong()).isEqualTo(1);
    }

    private static List<String> keys(JsonNode body) {
        List<String> keys = new ArrayList<>();
        body.path("kvs").forEach(entry -> keys.add(entry.path("key").asText()));
        return keys;
    }
}
