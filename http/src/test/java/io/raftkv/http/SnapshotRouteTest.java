package io.raftkv.http;

import io.raftkv.api.KvService;
import io.raftkv.api.NodeStatus;
import io.raftkv.api.ServiceException;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.ClientCommand;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.SnapshotFormat;
import io.raftkv.storage.SnapshotSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.raftkv.http.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET /v1/snapshot} over a one-node service with the real state machine. */
class SnapshotRouteTest {
    /** Enough keys of this size that the snapshot spans several chunks. */
    private static final int KEY_COUNT = 300;
    private static final int VALUE_BYTES = 900;

    private final StateMachineService store = new StateMachineService();
    private final FailingService service = new FailingService(store);
    private TestServer server = TestServer.start(service);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void streamsTheServiceSnapshotWithEveryKey() throws IOException {
        putKeys();

        HttpResponse<byte[]> response = server.get("/v1/snapshot");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Reply.OCTET_STREAM);
        assertThat(response.body().length).isGreaterThan(2 * SnapshotStream.CHUNK_BYTES);
        List<String> keys = new ArrayList<>();
        SnapshotSummary summary = SnapshotFormat.read(new ByteArrayInputStream(response.body()),
                (keyspace, key, value) -> {
                    if (keyspace == Keyspace.DATA) {
                        keys.add(new String(key.toByteArray(), StandardCharsets.UTF_8));
                    }
                });
        assertThat(summary.checksumValid()).isTrue();
        assertThat(keys).hasSize(KEY_COUNT).contains("key-000", "key-299");
        assertThat(response.body()).isEqualTo(snapshotOfTheStore());
    }

    @Test
    void failureBeforeAnyByteIsA503JsonError() {
        service.failWith(new ServiceException(ServiceException.Kind.UNAVAILABLE, "no leader is ready"));

        HttpResponse<byte[]> response = server.get("/v1/snapshot");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("error").asText()).isEqualTo("unavailable");
        assertThat(json(response).path("message").asText()).isEqualTo("no leader is ready");
    }

    @Test
    void failurePartWayCutsTheStreamShort() {
        putKeys();
        server.close();
        server = TestServer.start(new PartWayFailure(store, 3 * SnapshotStream.CHUNK_BYTES));

        assertThatThrownBy(() -> server.get("/v1/snapshot")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void otherMethodsAreNotAllowed() {
        HttpResponse<byte[]> response = server.send("POST", "/v1/snapshot", "");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    private void putKeys() {
        String value = "v".repeat(VALUE_BYTES);
        for (int index = 0; index < KEY_COUNT; index++) {
            HttpResponse<byte[]> put = server.send("PUT", String.format("/v1/kv/key-%03d", index), value);
            assertThat(put.statusCode()).isEqualTo(200);
        }
    }

    private byte[] snapshotOfTheStore() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.writeSnapshot(out);
        return out.toByteArray();
    }

    /** Writes the first {@code failAfterBytes} bytes of the real snapshot, then fails as a broken disk would. */
    private record PartWayFailure(KvService delegate, long failAfterBytes) implements KvService {
        @Override
        public <R extends Result> CompletableFuture<R> write(ClientCommand<R> command,
                                                             Optional<ClientSession> session) {
            return delegate.write(command, session);
        }

        @Override
        public <R extends QueryResult> CompletableFuture<R> read(Query<R> query, ReadConsistency consistency) {
            return delegate.read(query, consistency);
        }

        @Override
        public NodeStatus status() {
            return delegate.status();
        }

        @Override
        public CompletableFuture<String> transferLeadership(String targetNodeId) {
            return delegate.transferLeadership(targetNodeId);
        }

        @Override
        public void writeSnapshot(OutputStream out) throws IOException {
            delegate.writeSnapshot(new OutputStream() {
                private long written;

                @Override
                public void write(int value) throws IOException {
                    if (written++ >= failAfterBytes) {
                        throw new IOException("disk read failed");
                    }
                    out.write(value);
                }
            });
        }
    }
}
