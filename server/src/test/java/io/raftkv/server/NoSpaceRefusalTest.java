package io.raftkv.server;

import io.raftkv.api.ServiceException;
import io.raftkv.core.NoSpaceAlarm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NoSpaceRefusalTest {
    static final long MEBIBYTE = 1024 * 1024;

    @Test
    void writesPassWhileNoAlarmIsActive() {
        assertThat(NoSpaceRefusal.of(List.of())).isEmpty();
    }

    @Test
    void anActiveAlarmRefusesWritesNamingTheNodeTheDirectoryAndWhatToDo() {
        ServiceException refusal = NoSpaceRefusal.of(List.of(
                new NoSpaceAlarm("n3", 12 * MEBIBYTE, 64 * MEBIBYTE, "/data/n3"))).orElseThrow();

        assertThat(refusal.kind()).isEqualTo(ServiceException.Kind.NO_SPACE);
        assertThat(refusal.getMessage()).isEqualTo("writes refused: node n3 has 12 MiB free on /data/n3, below its "
                + "64 MiB reserve (--disk-reserve); free space there, writes resume by themselves; reads still work");
    }

    @Test
    void everyNodeWithAnAlarmIsNamed() {
        ServiceException refusal = NoSpaceRefusal.of(List.of(
                new NoSpaceAlarm("n1", MEBIBYTE, 8 * MEBIBYTE, "/a"),
                new NoSpaceAlarm("n3", 0, 8 * MEBIBYTE, "/b"))).orElseThrow();

        assertThat(refusal.getMessage()).contains("node n1 has 1 MiB free on /a", "node n3 has 0 bytes free on /b");
    }

    @Test
    void byteCountsReadAsPeopleWriteThem() {
        assertThat(ByteSizeText.describe(0)).isEqualTo("0 bytes");
        assertThat(ByteSizeText.describe(1023)).isEqualTo("1023 bytes");
        assertThat(ByteSizeText.describe(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSizeText.describe(12 * MEBIBYTE + 1)).isEqualTo("12 MiB");
        assertThat(ByteSizeText.describe(1024 * MEBIBYTE)).isEqualTo("1 GiB");
        assertThat(ByteSizeText.describe(3L * 1024 * 1024 * MEBIBYTE / 2)).isEqualTo("1.5 TiB");
    }
}
