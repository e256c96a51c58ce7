package io.raftkv.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftkv.core.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small pure parts of the harness: ports, log tails, status parsing, URL encoding. */
class HarnessPartsTest {
    @TempDir
    Path directory;

    @Test
    void freePortsAreDistinctLoopbackPorts() {
        List<Integer> ports = FreePorts.pick(LocalNode.HOST, 8);

        assertThat(ports).hasSize(8).doesNotHaveDuplicates().allMatch(port -> port > 0 && port <= 65535);
    }

    /** The kernel's ephemeral range is where outgoing connections take their local ports. */
    @Test
    void freePortsAreBelowTheEphemeralRange() {
        List<Integer> ports = FreePorts.pick(LocalNode.HOST, 64);

        assertThat(ports).allMatch(port -> port >= FreePorts.PORT_MIN && port < 32_768);
    }

    @Test
    void freePortsCanBePickedOnAPerNodeLoopbackAddress() {
        List<Integer> ports = FreePorts.pick(ClusterOptions.perNodeHost(3), 4);

        assertThat(ports).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void everyNodeSharesOneHostUnlessPerNodeAddressesAreAsked() {
        ClusterOptions shared = ClusterOptions.in(directory).withNodeCount(5);
        ClusterOptions perNode = shared.withPerNodeAddresses();

        assertThat(IntStream.rangeClosed(1, 5).mapToObj(shared::hostOf)).containsOnly(LocalNode.HOST);
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(perNode::hostOf))
                .containsExactly("127.0.1.1", "127.0.1.2", "127.0.1.3", "127.0.1.4", "127.0.1.5");
    }

    @Test
    void withersKeepTheOtherOptions() {
        ClusterOptions options = ClusterOptions.in(directory).withPerNodeAddresses()
                .withNodeEnvironment(nodeId -> java.util.Map.of("FOR", nodeId))
                .withElectionTimeoutMillis(300)
                .withNodeCount(5);

        assertThat(options.perNodeAddresses()).isTrue();
        assertThat(options.electionTimeoutMillis()).hasValue(300);
        assertThat(options.environmentByNodeId().apply("n4")).containsEntry("FOR", "n4");
        assertThat(ClusterOptions.in(directory).electionTimeoutMillis()).isEmpty();
        assertThat(ClusterOptions.in(directory).environmentByNodeId().apply("n1")).isEmpty();
    }

    @Test
    void electionTimeoutsTheServerWouldRefuseAreRefused() {
        assertThatThrownBy(() -> ClusterOptions.in(directory).withElectionTimeoutMillis(49))
                .hasMessageContaining("at least 50");
    }

    @Test
    void logTailReturnsTheLastLines() throws IOException {
        Path log = directory.resolve("server.log");
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(line -> "line " + line)
                .collect(Collectors.joining("\n", "", "\n")));

        assertThat(LogTail.read(log, 3)).containsExactly("line 98", "line 99", "line 100");
    }

    @Test
    void logTailOfAMissingFileSaysSo() {
        assertThat(LogTail.read(directory.resolve("absent.log"), 3)).singleElement()
                .asString().contains("no log file");
    }

    @Test
    void nodeViewReadsTheSelfStatusJson() throws IOException {
        String json = """
                {"id":"n2","role":"FOLLOWER","leader":"n1","term":3,"commitIndex":40,"appliedIndex":39,
                 "revision":17,"ready":false,"storage":"rocksdb","members":[]}""";

        NodeView view = NodeView.fromJson(new ObjectMapper().readTree(json));

        assertThat(view).isEqualTo(new NodeView("n2", "FOLLOWER", java.util.Optional.of("n1"), 3, 40, 39, 17));
        assertThat(view.isLeader()).isFalse();
    }

    @Test
    void nodeViewWithoutALeaderHasNone() throws IOException {
        String json = """
                {"id":"n1","role":"CANDIDATE","leader":null,"term":4,"commitIndex":0,"appliedIndex":0,"revision":0}""";

        assertThat(NodeView.fromJson(new ObjectMapper().readTree(json)).leaderId()).isEmpty();
    }

    @Test
    void percentEncodingKeepsUnreservedCharactersAndEscapesTheRest() {
        Bytes key = Bytes.wrap(new byte[] {'a', '/', 'Z', '~', ' ', 0, (byte) 0xff});

        assertThat(NodeHttp.percentEncode(key)).isEqualTo("a%2FZ~%20%00%FF");
    }
}
