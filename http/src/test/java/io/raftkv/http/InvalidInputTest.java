package io.raftkv.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.stream.Stream;

import static io.raftkv.http.TestServer.json;
import static io.raftkv.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every bad input gets its documented status and error code, and none of them changes the store. */
class InvalidInputTest {
    private static final StateMachineService STORE = new StateMachineService();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(STORE);
        server.send("PUT", "/v1/kv/k", "original");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> badRequests() {
        String sessionId = "X-Raftkv-Client-Id";
        String sequence = "X-Raftkv-Sequence";
        String completedBelow = "X-Raftkv-Completed-Below";
        return Stream.of(
                arguments("PUT", "/v1/kv/", new String[0], 400, "invalid_key"),
                arguments("PUT", "/v1/kv/" + "x".repeat(4097), new String[0], 400, "invalid_key"),
                arguments("PUT", "/v1/kv/" + "%41".repeat(4097), new String[0], 400, "invalid_key"),
                arguments("PUT", "/v1/kv/k?ttl=0", new String[0], 400, "invalid_parameter"),
                arguments("PUT", "/v1/kv/k?ttl=315360001", new String[0], 400, "invalid_parameter"),
                arguments("PUT", "/v1/kv/k?ttl=1.5", new String[0], 400, "invalid_parameter"),
                arguments("PUT", "/v1/kv/k?ttl=-1", new String[0], 400, "invalid_parameter"),
                arguments("PUT", "/v1/kv/k?ttl=", new String[0], 400, "invalid_parameter"),
                arguments("PUT", "/v1/kv/k?ttl=99999999999999999999", new String[0], 400, "invalid_parameter"),
                arguments("PUT", "/v1/kv/k?flags=4294967296", new String[0], 400, "invalid_parameter"),
                arguments("PUT", "/v1/kv/k?flags=abc", new String[0], 400, "invalid_parameter"),
                arguments("PUT", "/v1/kv/k?ifModRevision=-1", new String[0], 400, "invalid_parameter"),
                arguments("PUT", "/v1/kv/k?ttl=5&ttl=6", new String[0], 400, "invalid_parameter"),
                arguments("PUT", "/v1/kv/k?color=red", new String[0], 400, "unknown_parameter"),
                arguments("PUT", "/v1/kv/k?op=append", new String[0], 400, "unknown_parameter"),
                arguments("POST", "/v1/kv/k", new String[0], 400, "invalid_parameter"),
                arguments("POST", "/v1/kv/k?op=prepend", new String[0], 400, "invalid_parameter"),
                arguments("POST", "/v1/kv/k?op=append&flags=1", new String[0], 400, "unknown_parameter"),
                arguments("DELETE", "/v1/kv/k?ifModRevision=1", new String[0], 400, "unknown_parameter"),
                arguments("GET", "/v1/kv/k?meta=yes", new String[0], 400, "invalid_parameter"),
                arguments("GET", "/v1/kv/k?meta", new String[0], 400, "invalid_parameter"),
                arguments("GET", "/v1/kv/k?consistency=eventual", new String[0], 400, "invalid_parameter"),
                arguments("GET", "/v1/kv?limit=0", new String[0], 400, "invalid_parameter"),
                arguments("GET", "/v1/kv?limit=10001", new String[0], 400, "invalid_parameter"),
                arguments("GET", "/v1/kv?prefix=a&start=b", new String[0], 400, "invalid_parameter"),
                arguments("GET", "/v1/kv?start=b&end=a", new String[0], 400, "invalid_parameter"),
                arguments("GET", "/v1/kv?keysOnly=1", new String[0], 400, "invalid_parameter"),
                arguments("GET", "/v1/kv?reverse=true", new String[0], 400, "unknown_parameter"),
                arguments("GET", "/health?verbose=true", new String[0], 400, "unknown_parameter"),
                arguments("PUT", "/v1/kv/k", new String[] {sequence, "1"}, 400, "bad_request"),
                arguments("PUT", "/v1/kv/k", new String[] {sessionId, "c"}, 400, "bad_request"),
                arguments("PUT", "/v1/kv/k", new String[] {sessionId, "bad id!", sequence, "1"}, 400, "bad_request"),
                arguments("PUT", "/v1/kv/k", new String[] {sessionId, "x".repeat(65), sequence, "1"}, 400,
                        "bad_request"),
                arguments("PUT", "/v1/kv/k", new String[] {sessionId, "c", sequence, "0"}, 400, "bad_request"),
                arguments("PUT", "/v1/kv/k", new String[] {sessionId, "c", sequence, "two"}, 400, "bad_request"),
                arguments("PUT", "/v1/kv/k", new String[] {sessionId, "c", sequence, "2", completedBelow, "3"}, 400,
                        "bad_request"),
                arguments("GET", "/nowhere", new String[0], 404, "no_route"),
                arguments("GET", "/v1", new String[0], 404, "no_route"),
                arguments("DELETE", "/v1/kv", new String[0], 405, "method_not_allowed"),
                arguments("POST", "/health", new String[0], 405, "method_not_allowed"),
                arguments("PATCH", "/v1/kv/k", new String[0], 405, "method_not_allowed"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3} {4}")
    @MethodSource("badRequests")
    void badInputGetsItsErrorAndLeavesTheStoreUnchanged(String method, String pathAndQuery, String[] headers,
                                                        int expectedStatus, String expectedCode) {
        long revisionBefore = STORE.revision();

        HttpResponse<byte[]> response = server.send(method, pathAndQuery, "replacement", headers);

        assertThat(response.statusCode()).isEqualTo(expectedStatus);
        assertThat(json(response).path("error").asText()).isEqualTo(expectedCode);
        assertThat(json(response).path("message").asText()).isNotBlank();
        assertThat(STORE.revision()).isEqualTo(revisionBefore);
        assertThat(text(server.get("/v1/kv/k"))).isEqualTo("original");
    }
}
