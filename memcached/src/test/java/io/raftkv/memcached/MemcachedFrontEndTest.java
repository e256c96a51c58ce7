package io.raftkv.memcached;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server itself, over real loopback sockets: binding, serving, the connection limit, closing. */
class MemcachedFrontEndTest {
    private static final int READ_TIMEOUT_MILLIS = (int) Duration.ofSeconds(10).toMillis();

    private final TestClock clock = new TestClock();
    private final StateMachineKvService service = new StateMachineKvService(clock);
    private MemcachedFrontEnd frontEnd;

    @AfterEach
    void stop() {
        if (frontEnd != null) {
            frontEnd.close();
        }
    }

    private MemcachedFrontEnd start(int connectionsMax) throws IOException {
        MemcachedFrontEndConfig base = TestFrontEnd.config();
        frontEnd = MemcachedFrontEnd.start(new MemcachedFrontEndConfig(base.host(), 0, base.limits(),
                connectionsMax, base.keyBytesMax(), base.lineBytesMax(), base.keysPerGetMax(), base.getReplyBytesMax(),
                base.pendingRequestsPerConnectionMax(), base.accessTableKeysMax(), base.valueBytesInFlightMax()), service, clock);
        return frontEnd;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(frontEnd.boundAddress().getAddress(), frontEnd.boundAddress().getPort());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static String exchange(Socket socket, String request, String lastLine) throws IOException {
        OutputStream output = socket.getOutputStream();
        output.write(request.getBytes(StandardCharsets.ISO_8859_1));
        output.flush();
        InputStream input = socket.getInputStream();
        StringBuilder reply = new StringBuilder();
        while (!reply.toString().endsWith(lastLine)) {
            int next = input.read();
            if (next < 0) {
                break;
            }
            reply.append((char) next);
        }
        return reply.toString();
    }

    @Test
    void servesCommandsOverASocket() throws IOException {
        start(MemcachedFrontEndConfig.CONNECTIONS_MAX_DEFAULT);
        try (Socket socket = connect()) {
            assertThat(exchange(socket, "set k 0 0 5\r\nhello\r\n", "\r\n")).isEqualTo("STORED\r\n");
            assertThat(exchange(socket, "get k\r\n", "END\r\n")).isEqualTo("VALUE k 0 5\r\nhello\r\nEND\r\n");
            assertThat(exchange(socket, "stats\r\n", "END\r\n")).contains("STAT curr_connections 1\r\n");
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws IOException {
        start(1);
        try (Socket first = connect()) {
            // Connections are admitted on the worker loop each one lands on, not in accept order, so the first must
            // have been answered before the second arrives for the test to know which one the limit refuses.
            assertThat(exchange(first, "mn\r\n", "\r\n")).isEqualTo("MN\r\n");
            try (Socket second = connect()) {
                assertThat(second.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(exchange(first, "stats\r\n", "END\r\n")).contains("STAT rejected_connections 1\r\n");
        }
    }

    @Test
    void quitClosesTheSocket() throws IOException {
        start(MemcachedFrontEndConfig.CONNECTIONS_MAX_DEFAULT);
        try (Socket socket = connect()) {
            assertThat(exchange(socket, "quit\r\n", "never")).isEmpty();
        }
    }

    @Test
    void aPortInUseFailsWithTheAddressInTheMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            MemcachedFrontEndConfig config = MemcachedFrontEndConfig.defaults("127.0.0.1", taken.getLocalPort(),
                    TestFrontEnd.LIMITS);
            assertThatThrownBy(() -> MemcachedFrontEnd.start(config, service))
                    .isInstanceOf(IOException.class).hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }
}
