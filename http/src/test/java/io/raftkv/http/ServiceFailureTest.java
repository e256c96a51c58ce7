package io.raftkv.http;

import io.raftkv.api.ServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.raftkv.http.TestServer.json;
import static io.raftkv.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceFailureTest {
    private final FailingService service = new FailingService(new StateMachineService());
    private final TestServer server = TestServer.start(service);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anUnavailableClusterIs503() {
        service.failWith(new ServiceException(ServiceException.Kind.UNAVAILABLE, "no leader"));

        HttpResponse<byte[]> response = server.send("PUT", "/v1/kv/k", "v");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("error").asText()).isEqualTo("unavailable");
    }

    @Test
    void aTimeoutIs504() {
        service.failWith(new ServiceException(ServiceException.Kind.TIMEOUT, "no answer in time"));

        HttpResponse<byte[]> response = server.get("/v1/kv/k");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response).path("error").asText()).isEqualTo("timeout");
    }

    @Test
    void anOverloadedNodeIs503Overloaded() {
        service.failWith(new ServiceException(ServiceException.Kind.OVERLOADED, "busy"));

        HttpResponse<byte[]> response = server.get("/v1/kv");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("error").asText()).isEqualTo("overloaded");
    }

    @Test
    void anInvalidRequestTheFrontEndMissedIs400() {
        service.failWith(new ServiceException(ServiceException.Kind.INVALID, "bad"));

        HttpResponse<byte[]> response = server.send("DELETE", "/v1/kv/k", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("bad_request");
    }

    @Test
    void aFullDiskIs507NoSpaceWithTheReason() {
        service.failWith(new ServiceException(ServiceException.Kind.NO_SPACE,
                "writes refused: node n3 has 12 MiB free on /data/n3, below its 64 MiB reserve (--disk-reserve)"));

        HttpResponse<byte[]> response = server.send("PUT", "/v1/kv/k", "v");

        assertThat(response.statusCode()).isEqualTo(507);
        assertThat(json(response).path("error").asText()).isEqualTo("no_space");
        assertThat(json(response).path("message").asText()).contains("node n3 has 12 MiB free on /data/n3");
    }

    @Test
    void anUnexpectedFailureIsAGeneric500ThatHidesTheDetails() {
        service.failWith(new IllegalStateException("secret internal detail"));

        HttpResponse<byte[]> response = server.get("/v1/kv/k");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("error").asText()).isEqualTo("internal");
        assertThat(text(response)).doesNotContain("secret");
    }
}
