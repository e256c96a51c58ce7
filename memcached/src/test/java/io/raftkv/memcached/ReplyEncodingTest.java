package io.raftkv.memcached;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The encoder's pieces: VALUE lines, meta replies, and replies that share value bytes instead of copying them. */
class ReplyEncodingTest {
    private static final KeyMetadata METADATA = new KeyMetadata(-2, 3, 5, 9, 0);

    @Test
    void aValueLineCarriesUnsignedFlagsLengthAndOptionallyTheCas() {
        KeyValue item = new KeyValue(Bytes.utf8("k"), Bytes.utf8("abc"), METADATA);

        Reply.Builder plain = new Reply.Builder();
        ValueLines.append(plain, item, false);
        Reply.Builder withCas = new Reply.Builder();
        ValueLines.append(withCas, item, true);

        assertThat(plain.build().text()).isEqualTo("VALUE k 4294967294 3\r\nabc\r\n");
        assertThat(withCas.build().text()).isEqualTo("VALUE k 4294967294 3 9\r\nabc\r\n");
    }

    @Test
    void aDataBlockSharesTheValuesBytes() {
        Bytes value = Bytes.utf8("payload");
        Reply reply = new Reply.Builder().line("VA 7").data(value).build();

        assertThat(reply.segments()).anySatisfy(segment -> assertThat(segment).isSameAs(value.unsafeArray()));
        assertThat(reply.length()).isEqualTo("VA 7\r\npayload\r\n".length());
    }

    @Test
    void aMetaReplyEchoesOpaqueAndKeyWhereTheyWereAsked() {
        MetaFlags flags = new MetaFlags(List.of(new MetaFlags.Flag('k', Bytes.EMPTY),
                new MetaFlags.Flag('v', Bytes.EMPTY), new MetaFlags.Flag('O', Bytes.utf8("42"))),
                Map.of(), Map.of());

        assertThat(MetaReply.of("NF", new MetaKey(Bytes.utf8("key"), false), flags).text())
                .isEqualTo("NF kkey O42\r\n");
        assertThat(MetaReply.of("EN", new MetaKey(Bytes.wrap(new byte[]{(byte) 0xfb, (byte) 0xff}), true), flags)
                .text()).isEqualTo("EN k+/8= b O42\r\n");
    }

    @Test
    void aMetaReplyAddsFlagsAndData() {
        MetaReply reply = new MetaReply("VA 2", new MetaKey(Bytes.utf8("k"), false));
        reply.flag('t', "-1").flag('W', "");

        assertThat(reply.endWithData(Bytes.utf8("hi")).text()).isEqualTo("VA 2 t-1 W\r\nhi\r\n");
    }

    @Test
    void suppressedAndClosingRepliesWriteNothing() {
        assertThat(Reply.none().isEmpty()).isTrue();
        assertThat(Reply.none().closeAfter()).isFalse();
        assertThat(Reply.closing().isEmpty()).isTrue();
        assertThat(Reply.closing().closeAfter()).isTrue();
        assertThat(Reply.closingWithLine("CLIENT_ERROR line too long").text())
                .isEqualTo("CLIENT_ERROR line too long\r\n");
    }

    @Test
    void errorReasonsLoseControlCharactersAndLength() {
        assertThat(ServiceFailures.oneLine("a\rb\nc\u0000d")).isEqualTo("a b c d");
        assertThat(ServiceFailures.oneLine(null)).isEqualTo("no reason given");
        assertThat(ServiceFailures.oneLine("x".repeat(1000))).hasSize(ServiceFailures.REASON_CHARACTERS_MAX);
    }
}
