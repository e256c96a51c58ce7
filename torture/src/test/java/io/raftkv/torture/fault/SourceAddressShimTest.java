package io.raftkv.torture.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A child JVM's outgoing connection, seen from the accepting side. */
class SourceAddressShimTest {
    private static final String SERVER_HOST = "127.0.1.2";
    private static final String SOURCE_HOST = "127.0.1.5";
    /** Connects to the host and port in its arguments and prints the local end of the connection. */
    private static final String CONNECTOR = """
            public class Connector {
                public static void main(String[] arguments) throws Exception {
                    try (var socket = new java.net.Socket(arguments[0], Integer.parseInt(arguments[1]))) {
                        System.out.println(socket.getLocalAddress().getHostAddress());
                    }
                }
            }
            """;

    @TempDir
    Path directory;

    @Test
    void aChildJvmConnectsFromTheGivenAddress() throws IOException {
        SourceAddressShim shim = buildOrSkip();

        assertThat(remoteAddressOfChild(shim.environmentFor(SOURCE_HOST), List.of())).isEqualTo(SOURCE_HOST);
    }

    @Test
    void aChildJvmOnPlainIpv4SocketsConnectsFromTheGivenAddressToo() throws IOException {
        SourceAddressShim shim = buildOrSkip();

        assertThat(remoteAddressOfChild(shim.environmentFor(SOURCE_HOST), List.of("-Djava.net.preferIPv4Stack=true")))
                .isEqualTo(SOURCE_HOST);
    }

    @Test
    void withoutTheShimLinuxPicksTheMainLoopbackAddress() throws IOException {
        assertThat(remoteAddressOfChild(Map.of(), List.of())).isEqualTo("127.0.0.1");
    }

    @Test
    void onlyLoopbackSourcesAreAccepted() {
        SourceAddressShim shim = buildOrSkip();

        assertThatThrownBy(() -> shim.environmentFor("10.0.0.1")).hasMessageContaining("127.x.y.z");
        assertThat(shim.environmentFor(SOURCE_HOST)).containsEntry("LD_PRELOAD", shim.preloadLibrary())
                .containsEntry(SourceAddressShim.SOURCE_ADDRESS_VARIABLE, SOURCE_HOST);
        assertThat(Path.of(shim.preloadLibrary())).isRegularFile();
    }

    private SourceAddressShim buildOrSkip() {
        FaultTools.require(SourceAddressShim.unavailableReason());
        return SourceAddressShim.build(directory.resolve("shim"));
    }

    /** Starts a child JVM that connects to a server socket here; returns the address the connection came from. */
    private String remoteAddressOfChild(Map<String, String> environment, List<String> jvmOptions) throws IOException {
        Path source = directory.resolve("Connector.java");
        Files.writeString(source, CONNECTOR);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(SERVER_HOST))) {
            CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> acceptOne(server));
            List<String> command = new ArrayList<>(List.of(javaBinary()));
            command.addAll(jvmOptions);
            command.addAll(List.of(source.toString(), SERVER_HOST, Integer.toString(server.getLocalPort())));
            String childSays = ChildProcess.run(command, environment).strip();
            String remote = accepted.join();
            assertThat(childSays).as("the child's own view of its local address").endsWith(remote);
            return remote;
        }
    }

    private static String acceptOne(ServerSocket server) {
        try (Socket socket = server.accept()) {
            return ((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress().getHostAddress();
        } catch (IOException acceptFailure) {
            throw new java.io.UncheckedIOException(acceptFailure);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseThrow();
    }
}
