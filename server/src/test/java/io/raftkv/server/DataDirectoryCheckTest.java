package io.raftkv.server;

import io.raftkv.core.Limits;
import io.raftkv.server.DataDirectoryRefusedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The identity checks a node makes on its data directory before it opens anything there. */
class DataDirectoryCheckTest {
    private static final List<NodeConfig.Peer> PEERS = List.of(new NodeConfig.Peer("n1", "127.0.0.1", 9081),
            new NodeConfig.Peer("n2", "127.0.0.1", 9082), new NodeConfig.Peer("n3", "127.0.0.1", 9083));

    @TempDir
    Path directory;

    private NodeConfig config(String nodeId, List<NodeConfig.Peer> peers, Optional<String> clusterId) {
        NodeConfig bootstrap = NodeConfig.bootstrap(nodeId, peers, directory.resolve("data"),
                NodeConfig.StorageKind.ROCKSDB, Limits.DEFAULT, 1_000, 300, 5_000);
        return new NodeConfig(bootstrap.nodeId(), bootstrap.self(), bootstrap.peers(), bootstrap.join(), clusterId,
                bootstrap.dataDirectory(), bootstrap.storage(), bootstrap.limits(), bootstrap.snapshotEveryEntries(),
                bootstrap.electionTimeoutMillis(), bootstrap.requestTimeoutMillis(), bootstrap.diskReserveBytes());
    }

    @Test
    void aNewDirectoryGetsTheIdDerivedFromThePeersWrittenBeforeReturn() throws IOException {
        ClusterIdentity identity = DataDirectoryCheck.establish(config("n2", PEERS, Optional.empty()));

        assertThat(identity).isEqualTo(new ClusterIdentity(ClusterIdentity.derivedFrom(PEERS), "n2"));
        assertThat(ClusterIdentity.load(directory.resolve("data"))).contains(identity);
    }

    @Test
    void aConfiguredClusterIdWinsOverTheDerivedOne() throws IOException {
        String given = UUID.randomUUID().toString();

        ClusterIdentity identity = DataDirectoryCheck.establish(config("n1", PEERS, Optional.of(given)));

        assertThat(identity.clusterId()).isEqualTo(given);
    }

    @Test
    void aRestartWithTheSamePeersKeepsTheStoredIdentity() throws IOException {
        ClusterIdentity first = DataDirectoryCheck.establish(config("n1", PEERS, Optional.empty()));

        assertThat(DataDirectoryCheck.establish(config("n1", PEERS, Optional.empty()))).isEqualTo(first);
    }

    @Test
    void anotherNodesDirectoryIsRefused() throws IOException {
        DataDirectoryCheck.establish(config("n1", PEERS, Optional.empty()));

        assertThatThrownBy(() -> DataDirectoryCheck.establish(config("n2", PEERS, Optional.empty())))
                .isInstanceOfSatisfying(DataDirectoryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.OTHER_NODE))
                .hasMessageContaining("belongs to node n1").hasMessageContaining("not to node n2");
    }

    @Test
    void anotherClustersDirectoryIsRefusedWithTheWayOut() throws IOException {
        ClusterIdentity stored = DataDirectoryCheck.establish(config("n1", PEERS, Optional.empty()));
        List<NodeConfig.Peer> grown = List.of(PEERS.get(0), PEERS.get(1), PEERS.get(2),
                new NodeConfig.Peer("n4", "127.0.0.1", 9084));

        assertThatThrownBy(() -> DataDirectoryCheck.establish(config("n1", grown, Optional.empty())))
                .isInstanceOfSatisfying(DataDirectoryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.OTHER_CLUSTER))
                .hasMessageContaining("belongs to cluster " + stored.clusterId())
                .hasMessageContaining("derived from --peers")
                .hasMessageContaining("restart the node with the --peers the cluster was created with, or with "
                        + "--cluster-id " + stored.clusterId());
    }

    @Test
    void theStoredClusterIdGivenExplicitlyAcceptsChangedPeers() throws IOException {
        ClusterIdentity stored = DataDirectoryCheck.establish(config("n1", PEERS, Optional.empty()));
        List<NodeConfig.Peer> shrunk = List.of(PEERS.get(0), PEERS.get(1));

        assertThat(DataDirectoryCheck.establish(config("n1", shrunk, Optional.of(stored.clusterId()))))
                .isEqualTo(stored);
    }

    @Test
    void raftFilesWithoutAnIdentityAreRefused() throws IOException {
        Path data = Files.createDirectories(directory.resolve("data"));
        Files.createDirectories(data.resolve("raft/0b2f3c1e-9d8a-3f4b-8c2d-1e0f9a8b7c6d/current"));

        assertThatThrownBy(() -> DataDirectoryCheck.establish(config("n1", PEERS, Optional.empty())))
                .isInstanceOfSatisfying(DataDirectoryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.NOT_A_DATA_DIRECTORY))
                .hasMessageContaining("raft/").hasMessageContaining("no " + ClusterIdentity.FILE_NAME);
        assertThat(ClusterIdentity.load(data)).as("nothing written into a refused directory").isEmpty();
    }

    @Test
    void databaseFilesWithoutAnIdentityAreRefused() throws IOException {
        Path data = Files.createDirectories(directory.resolve("data"));
        Files.writeString(Files.createDirectories(data.resolve("db")).resolve("CURRENT"), "MANIFEST-000005\n");

        assertThatThrownBy(() -> DataDirectoryCheck.establish(config("n1", PEERS, Optional.empty())))
                .isInstanceOfSatisfying(DataDirectoryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.NOT_A_DATA_DIRECTORY))
                .hasMessageContaining("db/");
    }

    @Test
    void aDamagedIdentityFileIsRefused() throws IOException {
        Path data = Files.createDirectories(directory.resolve("data"));
        Files.writeString(ClusterIdentity.file(data), "format=1\nnode-id=n1\n");

        assertThatThrownBy(() -> DataDirectoryCheck.establish(config("n1", PEERS, Optional.empty())))
                .isInstanceOfSatisfying(DataDirectoryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.NOT_A_DATA_DIRECTORY))
                .hasMessageContaining("identity file");
    }
}
