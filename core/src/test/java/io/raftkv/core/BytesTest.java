package io.raftkv.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BytesTest {

    private static Bytes of(int... values) {
        byte[] data = new byte[values.length];
        for (int index = 0; index < values.length; index++) {
            data[index] = (byte) values[index];
        }
        return Bytes.wrap(data);
    }

    @Test
    void ordersAsUnsignedBytesLikeRocksDb() {
        assertThat(of(0x7f)).isLessThan(of(0x80));
        assertThat(of(0x80)).isLessThan(of(0xff));
        assertThat(of(0x00)).isLessThan(of(0x00, 0x00));
        assertThat(Bytes.EMPTY).isLessThan(of(0x00));
    }

    @Test
    void prefixEndIsTheFirstStringAfterEveryExtensionOfThePrefix() {
        assertThat(Bytes.utf8("ab").prefixEnd()).contains(Bytes.utf8("ac"));
        assertThat(of(0x61, 0xff).prefixEnd()).contains(of(0x62));
        assertThat(of(0xff, 0xff).prefixEnd()).isEmpty();
    }

    @Test
    void copyOfIsNotChangedByLaterChangesToTheArray() {
        byte[] data = {1, 2, 3};
        Bytes copy = Bytes.copyOf(data);
        data[0] = 9;
        assertThat(copy.byteAt(0)).isEqualTo((byte) 1);
    }

    @Test
    void utf8IsReportedOnlyForValidText() {
        assertThat(Bytes.utf8("héllo").asUtf8()).contains("héllo");
        assertThat(of(0xc3, 0x28).asUtf8()).isEmpty();
        assertThat(of(0xff).toString()).isEqualTo("0xff");
    }

    @Test
    void startsWithComparesOnlyThePrefix() {
        assertThat(Bytes.utf8("user/1").startsWith(Bytes.utf8("user/"))).isTrue();
        assertThat(Bytes.utf8("use").startsWith(Bytes.utf8("user/"))).isFalse();
    }
}
