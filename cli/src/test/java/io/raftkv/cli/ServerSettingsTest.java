package io.raftkv.cli;

import io.raftkv.core.Limits;
import io.raftkv.server.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerSettingsTest {
    @TempDir
    Path directory;

    private ServerFlags completeFlags() {
        return ServerFlags.none().withId("n1").withPeers("n1=127.0.0.1:9081,n2=127.0.0.1:9082")
                .withDataDirectory(directory.resolve("n1").toString()).withHttp("127.0.0.1:8081");
    }

    private Map<String, String> completeEnvironment() {
        return Map.of("RAFTKV_ID", "n2", "RAFTKV_PEERS", "n1=127.0.0.1:9081,n2=127.0.0.1:9082",
                "RAFTKV_DATA_DIR", directory.resolve("n2").toString(), "RAFTKV_HTTP", "127.0.0.1:8082",
                "RAFTKV_STORAGE", "memory", "RAFTKV_VALUE_BYTES_MAX", "2048");
    }

    @Test
    void flagsAloneGiveAConfigWithDefaults() {
        ServerSettings settings = ServerSettings.resolve(completeFlags(), Map.of());

        NodeConfig config = settings.nodeConfig();
        assertThat(config.nodeId()).isEqualTo("n1");
        assertThat(config.peers()).containsExactly(new NodeConfig.Peer("n1", "127.0.0.1", 9081),
                new NodeConfig.Peer("n2", "127.0.0.1", 9082));
        assertThat(config.dataDirectory()).isEqualTo(directory.resolve("n1")).isDirectory();
        assertThat(config.storage()).isEqualTo(NodeConfig.StorageKind.ROCKSDB);
        assertThat(config.limits().valueBytesMax()).isEqualTo(Limits.VALUE_BYTES_MAX_DEFAULT);
        assertThat(config.snapshotEveryEntries()).isEqualTo(NodeConfig.SNAPSHOT_EVERY_ENTRIES_DEFAULT);
        assertThat(config.electionTimeoutMillis()).isEqualTo(NodeConfig.ELECTION_TIMEOUT_MILLIS_DEFAULT);
        assertThat(settings.http()).isEqualTo(new HostPort("127.0.0.1", 8081));
    }

    @Test
    void memcachedIsOffUnlessGiven() {
        assertThat(ServerSettings.resolve(completeFlags(), Map.of()).memcached()).isEmpty();
    }

    @Test
    void memcachedComesFromTheFlagOrTheEnvironment() {
        assertThat(ServerSettings.resolve(completeFlags().withMemcached("127.0.0.1:11211"), Map.of()).memcached())
                .contains(new HostPort("127.0.0.1", 11211));
        assertThat(ServerSettings.resolve(completeFlags(), Map.of("RAFTKV_MEMCACHED", "127.0.0.1:11300"))
                .memcached()).contains(new HostPort("127.0.0.1", 11300));
    }

    @Test
    void malformedMemcachedAddressNamesTheSetting() {
        assertThatThrownBy(() -> ServerSettings.resolve(completeFlags().withMemcached("nowhere"), Map.of()))
                .isInstanceOf(SettingException.class).hasMessageContaining("--memcached");
    }

    @Test
    void environmentFillsInMissingFlags() {
        ServerSettings settings = ServerSettings.resolve(ServerFlags.none(), completeEnvironment());

        assertThat(settings.nodeConfig().nodeId()).isEqualTo("n2");
        assertThat(settings.nodeConfig().dataDirectory()).isEqualTo(directory.resolve("n2"));
        assertThat(settings.nodeConfig().storage()).isEqualTo(NodeConfig.StorageKind.MEMORY);
        assertThat(settings.nodeConfig().limits().valueBytesMax()).isEqualTo(2048);
        assertThat(settings.http()).isEqualTo(new HostPort("127.0.0.1", 8082));
    }

    @Test
    void flagsOverrideTheEnvironment() {
        ServerFlags flags = new ServerFlags("n1", null, directory.resolve("flag").toString(), "127.0.0.1:7001",
                "rocksdb", "4096", "500", "2s", null, null, false, null, null, null);

        ServerSettings settings = ServerSettings.resolve(flags, completeEnvironment());

        NodeConfig config = settings.nodeConfig();
        assertThat(config.nodeId()).isEqualTo("n1");
        assertThat(config.dataDirectory()).isEqualTo(directory.resolve("flag"));
        assertThat(config.storage()).isEqualTo(NodeConfig.StorageKind.ROCKSDB);
        assertThat(config.limits().valueBytesMax()).isEqualTo(4096);
        assertThat(config.snapshotEveryEntries()).isEqualTo(500);
        assertThat(config.electionTimeoutMillis()).isEqualTo(2000);
        assertThat(settings.http().port()).isEqualTo(7001);
    }

    @Test
    void badEnvironmentValueIsBlamedOnTheVariable() {
        Map<String, String> environment = Map.of("RAFTKV_VALUE_BYTES_MAX", "lots");

        assertThatThrownBy(() -> ServerSettings.resolve(completeFlags(), environment))
                .isInstanceOf(SettingException.class)
                .hasMessage("RAFTKV_VALUE_BYTES_MAX: expected a whole number, was 'lots'");
    }

    @Test
    void valueLimitLargerThanOneLogEntryCanCarryIsRefused() {
        ServerFlags flags = new ServerFlags("n1", "n1=127.0.0.1:9081", directory.toString(), "127.0.0.1:8081",
                null, Integer.toString(ServerSettings.VALUE_BYTES_MAX_LIMIT + 1), null, null, null, null, false, null, null,
                null);

        assertThatThrownBy(() -> ServerSettings.resolve(flags, Map.of()))
                .isInstanceOf(SettingException.class).hasMessageStartingWith("--value-bytes-max: ")
                .hasMessageContaining(Integer.toString(ServerSettings.VALUE_BYTES_MAX_LIMIT));
    }

    @Test
    void unknownStorageIsRefused() {
        assertThatThrownBy(() -> ServerSettings.resolve(completeFlags().withStorage("floppy"), Map.of()))
                .isInstanceOf(SettingException.class)
                .hasMessage("--storage: expected rocksdb or memory, was 'floppy'");
    }

    @Test
    void tooShortElectionTimeoutIsRefused() {
        ServerFlags flags = new ServerFlags("n1", "n1=127.0.0.1:9081", directory.toString(), "127.0.0.1:8081",
                null, null, null, "10ms", null, null, false, null, null, null);

        assertThatThrownBy(() -> ServerSettings.resolve(flags, Map.of()))
                .isInstanceOf(SettingException.class).hasMessageStartingWith("--election-timeout: must be at least 50ms");
    }

    @Test
    void dataDirectoryThatCannotBeCreatedIsRefused() throws Exception {
        Path file = Files.writeString(directory.resolve("a-file"), "not a directory");

        assertThatThrownBy(() -> ServerSettings.resolve(
                completeFlags().withDataDirectory(file.resolve("data").toString()), Map.of()))
                .isInstanceOf(SettingException.class)
                .hasMessageStartingWith("--data-dir: cannot create directory " + file.resolve("data"));
    }

    @Test
    void httpWithoutPortIsRefused() {
        assertThatThrownBy(() -> ServerSettings.resolve(completeFlags().withHttp("localhost"), Map.of()))
                .isInstanceOf(SettingException.class).hasMessage("--http: expected HOST:PORT, was 'localhost'");
    }

    @Test
    void peersFromTheEnvironmentAreParsedLikeTheFlag() {
        ServerSettings settings = ServerSettings.resolve(ServerFlags.none().withId("b")
                        .withDataDirectory(directory.toString()).withHttp("127.0.0.1:8081"),
                Map.of("RAFTKV_PEERS", " a=10.0.0.1:9000 , b=10.0.0.2:9000 "));

        assertThat(settings.nodeConfig().peers()).extracting(NodeConfig.Peer::address)
                .isEqualTo(List.of("10.0.0.1:9000", "10.0.0.2:9000"));
    }
}
