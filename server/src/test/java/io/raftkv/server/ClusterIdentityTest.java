package io.raftkv.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterIdentityTest {
    private static final NodeConfig.Peer N1 = new NodeConfig.Peer("n1", "10.0.0.1", 9081);
    private static final NodeConfig.Peer N2 = new NodeConfig.Peer("n2", "10.0.0.2", 9081);
    private static final NodeConfig.Peer N3 = new NodeConfig.Peer("n3", "10.0.0.3", 9081);

    @TempDir
    Path directory;

    @Test
    void everyNodeDerivesTheSameIdWhateverTheOrderOfThePeers() {
        assertThat(ClusterIdentity.derivedFrom(List.of(N1, N2, N3)))
                .isEqualTo(ClusterIdentity.derivedFrom(List.of(N3, N1, N2)))
                .satisfies(id -> assertThat(ClusterIdentity.isClusterId(id)).isTrue());
    }

    @Test
    void anotherMemberOrAddressDerivesAnotherId() {
        String original = ClusterIdentity.derivedFrom(List.of(N1, N2, N3));

        assertThat(ClusterIdentity.derivedFrom(List.of(N1, N2))).isNotEqualTo(original);
        assertThat(ClusterIdentity.derivedFrom(List.of(N1, N2, new NodeConfig.Peer("n3", "10.0.0.3", 9082))))
                .isNotEqualTo(original);
    }

    @Test
    void theGroupIdIsTheClusterId() {
        ClusterIdentity identity = new ClusterIdentity(ClusterIdentity.derivedFrom(List.of(N1)), "n1");

        assertThat(identity.groupId().getUuid()).isEqualTo(UUID.fromString(identity.clusterId()));
    }

    @Test
    void aWrittenIdentityLoadsBackAndLeavesNoTemporaryFile() throws IOException {
        ClusterIdentity identity = new ClusterIdentity(ClusterIdentity.derivedFrom(List.of(N1, N2)), "n2");

        identity.write(directory);

        assertThat(ClusterIdentity.load(directory)).contains(identity);
        assertThat(Files.readString(ClusterIdentity.file(directory))).contains("format=1\n")
                .contains("cluster-id=" + identity.clusterId() + "\n").contains("node-id=n2\n");
        try (var files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly(ClusterIdentity.FILE_NAME);
        }
    }

    @Test
    void aDirectoryWithoutTheFileHasNoIdentity() throws IOException {
        assertThat(ClusterIdentity.load(directory)).isEmpty();
    }

    @Test
    void aFileOfAnotherFormatIsRefused() throws IOException {
        Files.writeString(ClusterIdentity.file(directory), "format=2\ncluster-id=" + UUID.randomUUID()
                + "\nnode-id=n1\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ClusterIdentity.load(directory))
                .isInstanceOf(ClusterIdentity.IdentityFileException.class).hasMessageContaining("format 2");
    }

    @Test
    void aFileWithoutAValidClusterIdIsRefused() throws IOException {
        Files.writeString(ClusterIdentity.file(directory), "format=1\ncluster-id=cluster-a\nnode-id=n1\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ClusterIdentity.load(directory))
                .isInstanceOf(ClusterIdentity.IdentityFileException.class).hasMessageContaining("cluster-id");
    }

    @Test
    void onlyCanonicalUuidsAreClusterIds() {
        assertThat(ClusterIdentity.isClusterId("0b2f3c1e-9d8a-3f4b-8c2d-1e0f9a8b7c6d")).isTrue();
        assertThat(ClusterIdentity.isClusterId("0B2F3C1E-9D8A-3F4B-8C2D-1E0F9A8B7C6D")).isFalse();
        assertThat(ClusterIdentity.isClusterId("1-2-3-4-5")).isFalse();
        assertThat(ClusterIdentity.isClusterId("")).isFalse();
        assertThat(ClusterIdentity.isClusterId(null)).isFalse();
    }
}
