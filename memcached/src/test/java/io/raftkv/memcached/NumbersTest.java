package io.raftkv.memcached;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void unsigned32AcceptsItsWholeRangeAndNothingBeyond() {
        assertThat(Numbers.unsigned32(text("0"))).isEqualTo(OptionalLong.of(0));
        assertThat(Numbers.unsigned32(text("4294967295"))).isEqualTo(OptionalLong.of(4_294_967_295L));
        assertThat(Numbers.unsigned32(text("4294967296"))).isEmpty();
        assertThat(Numbers.unsigned32(text("-1"))).isEmpty();
    }

    @Test
    void signed32AcceptsItsWholeRangeAndNothingBeyond() {
        assertThat(Numbers.signed32(text("-2147483648"))).isEqualTo(OptionalLong.of(Integer.MIN_VALUE));
        assertThat(Numbers.signed32(text("2147483647"))).isEqualTo(OptionalLong.of(Integer.MAX_VALUE));
        assertThat(Numbers.signed32(text("2147483648"))).isEmpty();
        assertThat(Numbers.signed32(text("-2147483649"))).isEmpty();
        assertThat(Numbers.signed32(text("-"))).isEmpty();
    }

    @Test
    void unsigned64ReachesTwoToTheSixtyFourMinusOneAsALongsBits() {
        assertThat(Numbers.unsigned64(text("18446744073709551615"))).isEqualTo(OptionalLong.of(-1L));
        assertThat(Numbers.unsigned64(text("9223372036854775808"))).isEqualTo(OptionalLong.of(Long.MIN_VALUE));
        assertThat(Numbers.unsigned64(text("18446744073709551616"))).isEmpty();
        assertThat(Numbers.unsigned64(text("99999999999999999999"))).isEmpty();
        assertThat(Numbers.unsigned64(text("000000000000000000001"))).isEmpty();
    }

    @Test
    void anythingButDigitsIsRefused() {
        for (String bad : new String[]{"", "+1", " 1", "1 ", "1a", "0x10", "1.5", "١"}) {
            assertThat(Numbers.unsigned64(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isEmpty();
            assertThat(Numbers.signed32(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isEmpty();
        }
    }
}
