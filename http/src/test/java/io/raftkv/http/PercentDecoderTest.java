package io.raftkv.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentDecoderTest {

    @Test
    void escapesDecodeToBytesInEitherCase() {
        assertThat(PercentDecoder.decode("%00%ff%FFa")).hasValueSatisfying(
                bytes -> assertThat(bytes).containsExactly(0, 0xff, 0xff, 'a'));
    }

    @Test
    void plusStaysAPlus() {
        assertThat(PercentDecoder.decode("a+b")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(
                'a', '+', 'b'));
    }

    @Test
    void truncatedOrNonHexEscapesAreRefused() {
        assertThat(PercentDecoder.decode("%")).isEmpty();
        assertThat(PercentDecoder.decode("a%4")).isEmpty();
        assertThat(PercentDecoder.decode("%g0")).isEmpty();
        assertThat(PercentDecoder.decode("%0g")).isEmpty();
    }

    @Test
    void charactersBeyondOneByteAreRefused() {
        assertThat(PercentDecoder.decode("\u20ac")).isEmpty();
    }
}
