package io.raftkv.cli;

import io.raftkv.client.MemberInfo;
import io.raftkv.server.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Argument parsing for joining ({@code server --join}) and for {@code raftkv member}. */
class MembershipSettingsTest {
    @TempDir
    Path directory;

    private ServerFlags joiningFlags() {
        return ServerFlags.none().withId("n4").withDataDirectory(directory.resolve("n4").toString())
                .withHttp("127.0.0.1:8084").withJoin("http://127.0.0.1:8081", false, "127.0.0.1:9084");
    }

    @Test
    void joinGivesAJoiningConfigWithoutPeers() {
        NodeConfig config = ServerSettings.resolve(joiningFlags(), Map.of()).nodeConfig();

        assertThat(config.join()).contains(new NodeConfig.Join("http://127.0.0.1:8081", false));
        assertThat(config.self()).isEqualTo(new NodeConfig.Peer("n4", "127.0.0.1", 9084));
        assertThat(config.peers()).isEmpty();
    }

    @Test
    void joinLearnerAndRaftComeFromFlagsOrEnvironment() {
        ServerFlags flags = ServerFlags.none().withId("n4").withDataDirectory(directory.toString())
                .withHttp("127.0.0.1:8084").withJoin(null, true, null);

        NodeConfig config = ServerSettings.resolve(flags, Map.of("RAFTKV_JOIN", "http://10.0.0.1:8081/",
                "RAFTKV_RAFT", "10.0.0.4:9084")).nodeConfig();

        assertThat(config.join()).contains(new NodeConfig.Join("http://10.0.0.1:8081", true));
        assertThat(config.self().address()).isEqualTo("10.0.0.4:9084");
    }

    @Test
    void joinNeedsTheRaftAddress() {
        assertThatThrownBy(() -> ServerSettings.resolve(joiningFlags().withJoin("http://127.0.0.1:8081", false,
                null), Map.of()))
                .isInstanceOf(SettingException.class).hasMessageContaining("missing setting --raft");
    }

    @Test
    void joinAndPeersExcludeEachOther() {
        assertThatThrownBy(() -> ServerSettings.resolve(joiningFlags().withPeers("n1=127.0.0.1:9081"), Map.of()))
                .isInstanceOf(SettingException.class).hasMessageContaining("give --join or --peers, not both");
    }

    @Test
    void aJoinEndpointMustBeAnHttpUrlWithAPort() {
        assertThatThrownBy(() -> ServerSettings.resolve(joiningFlags().withJoin("127.0.0.1:8081", false,
                "127.0.0.1:9084"), Map.of()))
                .isInstanceOf(SettingException.class).hasMessageStartingWith("--join: expected the HTTP endpoint");
        assertThatThrownBy(() -> ServerSettings.resolve(joiningFlags().withJoin("https://host", false,
                "127.0.0.1:9084"), Map.of()))
                .isInstanceOf(SettingException.class);
    }

    @Test
    void learnerWithoutJoinIsRefused() {
        ServerFlags flags = ServerFlags.none().withId("n1").withPeers("n1=127.0.0.1:9081")
                .withDataDirectory(directory.toString()).withHttp("127.0.0.1:8081").withJoin(null, true, null);

        assertThatThrownBy(() -> ServerSettings.resolve(flags, Map.of()))
                .isInstanceOf(SettingException.class).hasMessageContaining("only a joining node");
    }

    @Test
    void aRaftAddressDisagreeingWithPeersIsRefused() {
        ServerFlags flags = ServerFlags.none().withId("n1").withPeers("n1=127.0.0.1:9081")
                .withDataDirectory(directory.toString()).withHttp("127.0.0.1:8081")
                .withJoin(null, false, "127.0.0.1:9999");

        assertThatThrownBy(() -> ServerSettings.resolve(flags, Map.of()))
                .isInstanceOf(SettingException.class).hasMessageContaining("differs from this node's entry");
    }

    @Test
    void anIdAlreadyInUseIsRefusedBeforeTheNodeStarts() {
        NodeConfig config = ServerSettings.resolve(joiningFlags(), Map.of()).nodeConfig();
        List<MemberInfo> members = List.of(new MemberInfo("n4", "10.0.0.9:9084", Optional.empty(), "VOTER", true,
                OptionalLong.of(0), OptionalLong.of(0)));

        assertThatThrownBy(() -> JoinPreflight.refuseTaken(config, members))
                .isInstanceOf(SettingException.class)
                .hasMessage("--id: id n4 is already a member at 10.0.0.9:9084; pick another id, or "
                        + "`raftkv member remove n4` first if it is being replaced");
    }

    @Test
    void memberAddTakesExactlyOneIdAndAddress() {
        assertThat(MemberAddCommand.parse("n4=10.0.0.4:9084")).isEqualTo(new NodeConfig.Peer("n4", "10.0.0.4",
                9084));
        assertThatThrownBy(() -> MemberAddCommand.parse("n4=10.0.0.4:9084,n5=10.0.0.5:9085"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one member at a time");
        assertThatThrownBy(() -> MemberAddCommand.parse("n4"))
                .isInstanceOf(SettingException.class);
    }

    @Test
    void theMemberTableShowsDashesForWhatIsUnknown() {
        String table = MemberTable.of(List.of(
                new MemberInfo("n1", "10.0.0.1:9081", Optional.of("10.0.0.1:8081"), "VOTER", true,
                        OptionalLong.of(0), OptionalLong.of(0)),
                new MemberInfo("n4", "10.0.0.4:9084", Optional.empty(), "LEARNER", false, OptionalLong.empty(),
                        OptionalLong.empty())));

        assertThat(table.lines().toList()).containsExactly(
                "ID       ROLE     LEADER RAFT                   HTTP                        LAG LAST-CONTACT",
                "n1       VOTER    yes    10.0.0.1:9081          10.0.0.1:8081                 0          0ms",
                "n4       LEARNER         10.0.0.4:9084          -                             -            -");
    }
}
