package io.raftkv.cli;

import io.raftkv.client.ClusterView;
import io.raftkv.core.NoSpaceAlarm;
import io.raftkv.server.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --disk-reserve} / {@code RAFTKV_DISK_RESERVE}, and how {@code raftkv status} shows a NO_SPACE alarm. */
class DiskReserveSettingTest {
    @TempDir
    Path directory;

    private ServerFlags flags() {
        return ServerFlags.none().withId("n1").withPeers("n1=127.0.0.1:9081")
                .withDataDirectory(directory.resolve("n1").toString()).withHttp("127.0.0.1:8081");
    }

    @Test
    void theReserveDefaultsTo256MiB() {
        assertThat(ServerSettings.resolve(flags(), Map.of()).nodeConfig().diskReserveBytes())
                .isEqualTo(NodeConfig.DISK_RESERVE_BYTES_DEFAULT).isEqualTo(256L << 20);
    }

    @Test
    void theEnvironmentTakesASizeWithAUnitOrZeroForOff() {
        assertThat(ServerSettings.resolve(flags(), Map.of("RAFTKV_DISK_RESERVE", "64MiB")).nodeConfig()
                .diskReserveBytes()).isEqualTo(64L << 20);
        assertThat(ServerSettings.resolve(flags(), Map.of("RAFTKV_DISK_RESERVE", "0")).nodeConfig()
                .diskReserveBytes()).isZero();
    }

    @Test
    void aBadSizeNamesTheSetting() {
        assertThatThrownBy(() -> ServerSettings.resolve(flags(), Map.of("RAFTKV_DISK_RESERVE", "plenty")))
                .isInstanceOf(SettingException.class)
                .hasMessageContaining("RAFTKV_DISK_RESERVE")
                .hasMessageContaining("256MiB");
    }

    @Test
    void statusShowsEachActiveAlarm() {
        ClusterView view = new ClusterView(Optional.empty(), Optional.of("n1"), 2, List.of(),
                List.of(new NoSpaceAlarm("n3", 12L << 20, 64L << 20, "/data/n3")));

        assertThat(StatusCommand.alarmLines(view)).containsExactly("alarm: NO_SPACE on n3: 12 MiB free on /data/n3, "
                + "below its 64 MiB reserve; writes are refused until space is freed there");
        assertThat(StatusCommand.alarmLines(new ClusterView(Optional.empty(), 1, List.of()))).isEmpty();
    }
}
