package io.raftkv.http;

import io.raftkv.api.ServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.raftkv.http.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/cluster/leader?to=ID} against a one-node service whose only member is {@code alpha}. */
class LeaderTransferRouteTest {
    private final FailingService service = new FailingService(new StateMachineService("alpha"));
    private final TestServer server = TestServer.start(service);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void transferToAMemberAnswersWithTheNewLeader() {
        HttpResponse<byte[]> response = server.send("POST", "/v1/cluster/leader?to=alpha", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("leader").asText()).isEqualTo("alpha");
    }

    @Test
    void missingTargetIsInvalidParameter() {
        HttpResponse<byte[]> response = server.send("POST", "/v1/cluster/leader", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_parameter");
        assertThat(json(response).path("message").asText()).contains("'to'");
    }

    @Test
    void blankTargetIsInvalidParameter() {
        HttpResponse<byte[]> response = server.send("POST", "/v1/cluster/leader?to=%20", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_parameter");
    }

    @Test
    void unknownMemberIs400NamingTheMembers() {
        HttpResponse<byte[]> response = server.send("POST", "/v1/cluster/leader?to=beta", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("bad_request");
        assertThat(json(response).path("message").asText()).contains("'beta' is not a member").contains("alpha");
    }

    @Test
    void failedTransferIs503WithTheReason() {
        service.failWith(new ServiceException(ServiceException.Kind.UNAVAILABLE,
                "leader transfer to alpha failed: no outcome within 5000 ms"));

        HttpResponse<byte[]> response = server.send("POST", "/v1/cluster/leader?to=alpha", "");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("error").asText()).isEqualTo("unavailable");
        assertThat(json(response).path("message").asText()).contains("no outcome within 5000 ms");
    }

    @Test
    void otherMethodsAre405AllowingPost() {
        HttpResponse<byte[]> response = server.get("/v1/cluster/leader?to=alpha");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void unknownParameterIsRefused() {
        HttpResponse<byte[]> response = server.send("POST", "/v1/cluster/leader?to=alpha&force=true", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("unknown_parameter");
    }
}
