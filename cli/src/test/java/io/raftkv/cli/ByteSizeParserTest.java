package io.raftkv.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteSizeParserTest {

    @Test
    void plainNumbersAreBytes() {
        assertThat(ByteSizeParser.parse("0")).isZero();
        assertThat(ByteSizeParser.parse("1048576")).isEqualTo(1_048_576);
        assertThat(ByteSizeParser.parse("512b")).isEqualTo(512);
    }

    @Test
    void binaryUnitsInEveryCommonSpelling() {
        assertThat(ByteSizeParser.parse("64KiB")).isEqualTo(64L << 10);
        assertThat(ByteSizeParser.parse("64MiB")).isEqualTo(64L << 20);
        assertThat(ByteSizeParser.parse("256mib")).isEqualTo(256L << 20);
        assertThat(ByteSizeParser.parse("1GiB")).isEqualTo(1L << 30);
        assertThat(ByteSizeParser.parse("1G")).isEqualTo(1L << 30);
        assertThat(ByteSizeParser.parse("2 TB")).isEqualTo(2L << 40);
        assertThat(ByteSizeParser.parse(" 4M ")).isEqualTo(4L << 20);
    }

    @Test
    void anythingElseIsRefusedWithExamples() {
        assertThatThrownBy(() -> ByteSizeParser.parse("lots")).hasMessageContaining("256MiB");
        assertThatThrownBy(() -> ByteSizeParser.parse("-1")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> ByteSizeParser.parse("1.5GiB")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> ByteSizeParser.parse("9999999999TiB")).hasMessageContaining("too large");
    }
}
