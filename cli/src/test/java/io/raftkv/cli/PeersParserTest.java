package io.raftkv.cli;

import io.raftkv.server.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeersParserTest {
    @TempDir
    Path directory;

    @Test
    void commaSeparatedPeersKeepTheirOrder() {
        assertThat(PeersParser.parse("n2=127.0.0.1:9082,n1=host-a:9081", "--peers")).containsExactly(
                new NodeConfig.Peer("n2", "127.0.0.1", 9082), new NodeConfig.Peer("n1", "host-a", 9081));
    }

    @Test
    void peersFileIgnoresBlankLinesAndComments() throws Exception {
        Path file = Files.writeString(directory.resolve("peers"), """
                # the production group
                n1=10.0.0.1:9081   # rack a

                n2=10.0.0.2:9081
                """);

        assertThat(PeersParser.parse("@" + file, "--peers")).containsExactly(
                new NodeConfig.Peer("n1", "10.0.0.1", 9081), new NodeConfig.Peer("n2", "10.0.0.2", 9081));
    }

    @Test
    void duplicateIdsAreRefused() {
        assertThatThrownBy(() -> PeersParser.parse("n1=a:1,n1=b:2", "--peers"))
                .isInstanceOf(SettingException.class).hasMessage("--peers: duplicate peer id 'n1'");
    }

    @Test
    void sharedAddressesAreRefused() {
        assertThatThrownBy(() -> PeersParser.parse("n1=a:1,n2=a:1", "--peers"))
                .isInstanceOf(SettingException.class).hasMessage("--peers: two peers share the address a:1");
    }

    @Test
    void entryWithoutIdIsRefused() {
        assertThatThrownBy(() -> PeersParser.parse("127.0.0.1:9081", "--peers"))
                .isInstanceOf(SettingException.class).hasMessage("--peers: expected ID=HOST:PORT, was '127.0.0.1:9081'");
    }

    @Test
    void invalidIdIsRefused() {
        assertThatThrownBy(() -> PeersParser.parse("n 1=a:1", "--peers"))
                .isInstanceOf(SettingException.class).hasMessageContaining("peer id must be 1 to 64");
    }

    @Test
    void badPortNamesThePeer() {
        assertThatThrownBy(() -> PeersParser.parse("n1=a:1,n2=b:x", "--peers"))
                .isInstanceOf(SettingException.class).hasMessage("--peers (peer n2): bad port 'x' in 'b:x'");
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        Path file = Files.writeString(directory.resolve("empty"), "# nothing here\n\n");

        assertThatThrownBy(() -> PeersParser.parse("@" + file, "--peers"))
                .isInstanceOf(SettingException.class).hasMessageContaining("no peers given");
    }
}
