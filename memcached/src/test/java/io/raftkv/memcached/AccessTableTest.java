package io.raftkv.memcached;

import io.raftkv.core.Bytes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTableTest {

    @Test
    void aReadReturnsWhatWasKnownBeforeIt() {
        AccessTable table = new AccessTable(10);
        Bytes key = Bytes.utf8("k");

        assertThat(table.recordRead(key, 100)).isEmpty();
        assertThat(table.recordRead(key, 200)).contains(new AccessTable.Access(100, true));
        table.recordWrite(key, 300);
        assertThat(table.peek(key)).contains(new AccessTable.Access(300, false));
        table.forget(key);
        assertThat(table.peek(key)).isEmpty();
    }

    @Test
    void theTableForgetsTheLeastRecentlyUsedKeysBeyondItsBound() {
        AccessTable table = new AccessTable(2);
        table.recordRead(Bytes.utf8("a"), 1);
        table.recordRead(Bytes.utf8("b"), 2);
        table.peek(Bytes.utf8("a"));
        table.recordRead(Bytes.utf8("c"), 3);

        assertThat(table.size()).isEqualTo(2);
        assertThat(table.peek(Bytes.utf8("b"))).isEmpty();
        assertThat(table.peek(Bytes.utf8("a"))).isPresent();
        assertThat(table.peek(Bytes.utf8("c"))).isPresent();
    }
}
