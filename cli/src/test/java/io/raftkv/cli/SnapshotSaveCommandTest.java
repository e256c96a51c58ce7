package io.raftkv.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.raftkv.core.Bytes;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.statemachine.KvStateMachine;
import io.raftkv.storage.memory.MemoryStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code raftkv snapshot save} against a stand-in node that serves a fixed snapshot on {@code GET /v1/snapshot}. */
class SnapshotSaveCommandTest {
    @TempDir
    Path directory;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final byte[] snapshot = snapshotWithTwoKeys();
    private volatile byte[] served = snapshot;
    private volatile int status = 200;

    /** A snapshot of a store that applied two puts in entries 1 and 2 of term 3. */
    private static byte[] snapshotWithTwoKeys() {
        KvStateMachine machine = new KvStateMachine(MemoryStorage.create(),
                KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
        machine.apply(1, 3, new LogEntry(1_000, List.of(Request.of(Put.of(Bytes.utf8("a"), Bytes.utf8("1"))))));
        machine.apply(2, 3, new LogEntry(2_000, List.of(Request.of(Put.of(Bytes.utf8("b"), Bytes.utf8("2"))))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            machine.storage().writeSnapshot(out);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out.toByteArray();
    }

    @BeforeEach
    void startFakeNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopFakeNode() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        byte[] body = status == 200 ? served
                : "{\"error\":\"unavailable\",\"message\":\"no leader is ready\"}".getBytes(StandardCharsets.UTF_8);
        // Length 0 means chunked, as the real node sends it.
        exchange.sendResponseHeaders(status, status == 200 ? 0 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private CommandRunner.Run raftkv(String endpoints, String... arguments) {
        return CommandRunner.runWith(Map.of("RAFTKV_ENDPOINTS", endpoints), new byte[0], arguments);
    }

    @Test
    void savesTheSnapshotAndPrintsWhatItHolds() throws IOException {
        Path file = directory.resolve("backup.snap");

        CommandRunner.Run run = raftkv(endpoint(), "snapshot", "save", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(snapshot);
        assertThat(directory.resolve("backup.snap.part")).doesNotExist();
        assertThat(run.out()).contains("revision       2\n", "applied index  2 (term 3)\n",
                "keys           2 (2 records;", "size           " + snapshot.length + " bytes\n", "(valid)");
        assertThat(requests).containsExactly("GET /v1/snapshot");
    }

    @Test
    void aTruncatedDownloadIsDeletedAndRefusedWithExitSix() {
        served = Arrays.copyOf(snapshot, snapshot.length / 2);
        Path file = directory.resolve("backup.snap");

        CommandRunner.Run run = raftkv(endpoint(), "snapshot", "save", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CORRUPT_FILE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("arrived damaged", "truncated", "nothing was saved").hasLineCount(1);
        assertThat(file).doesNotExist();
        assertThat(directory.resolve("backup.snap.part")).doesNotExist();
    }

    @Test
    void anExistingFileIsRefusedUnlessForced() throws IOException {
        Path file = directory.resolve("backup.snap");
        Files.writeString(file, "older backup");

        CommandRunner.Run refused = raftkv(endpoint(), "snapshot", "save", file.toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("exists; pass --force");
        assertThat(Files.readString(file)).isEqualTo("older backup");
        assertThat(requests).isEmpty();

        CommandRunner.Run forced = raftkv(endpoint(), "snapshot", "save", "--force", file.toString());

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(snapshot);
    }

    @Test
    void anUnreachableEndpointIsSkippedForTheNext() throws IOException {
        Path file = directory.resolve("backup.snap");

        CommandRunner.Run run = raftkv("http://127.0.0.1:" + closedPort() + "," + endpoint(),
                "snapshot", "save", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(snapshot);
    }

    @Test
    void noNodeSendingASnapshotIsUnavailable() {
        status = 503;
        Path file = directory.resolve("backup.snap");

        CommandRunner.Run run = raftkv(endpoint(), "snapshot", "save", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("cluster unavailable", "no node sent a snapshot", "HTTP 503",
                "no leader is ready");
        assertThat(file).doesNotExist();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
