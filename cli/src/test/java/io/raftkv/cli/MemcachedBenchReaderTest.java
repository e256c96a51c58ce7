package io.raftkv.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict reading of memcached's replies to set and get, from bytes in memory. */
class MemcachedBenchReaderTest {
    private static final String KEY = "bench/00000001";

    private static MemcachedBenchReader reader(String replies) {
        InputStream in = new ByteArrayInputStream(replies.getBytes(StandardCharsets.ISO_8859_1));
        return new MemcachedBenchReader(in);
    }

    @Test
    void storedIsAStoredReply() throws Exception {
        assertThat(reader("STORED\r\n").readStoreReply()).isEqualTo(new MemcachedBenchReply.Stored());
    }

    @Test
    void errorRepliesAreValuesWithTheirText() throws Exception {
        MemcachedBenchReader reader = reader("SERVER_ERROR out of memory storing object\r\nERROR\r\n"
                + "CLIENT_ERROR bad data chunk\r\n");

        assertThat(reader.readStoreReply())
                .isEqualTo(new MemcachedBenchReply.ErrorReply("SERVER_ERROR out of memory storing object"));
        assertThat(reader.readRetrievalReply(KEY)).isEqualTo(new MemcachedBenchReply.ErrorReply("ERROR"));
        assertThat(reader.readStoreReply())
                .isEqualTo(new MemcachedBenchReply.ErrorReply("CLIENT_ERROR bad data chunk"));
    }

    @Test
    void aHitIsMeasuredByItsAnnouncedLengthEvenWhenTheDataLooksLikeTheEndOfTheReply() throws Exception {
        MemcachedBenchReader reader = reader("VALUE " + KEY + " 7 11\r\nab\r\nEND\r\ncd\r\nEND\r\nSTORED\r\n");

        assertThat(reader.readRetrievalReply(KEY)).isEqualTo(new MemcachedBenchReply.Hit(11));
        assertThat(reader.readStoreReply()).as("the next reply starts right after END")
                .isEqualTo(new MemcachedBenchReply.Stored());
    }

    @Test
    void anEmptyValueIsAHit() throws Exception {
        assertThat(reader("VALUE " + KEY + " 0 0\r\n\r\nEND\r\n").readRetrievalReply(KEY))
                .isEqualTo(new MemcachedBenchReply.Hit(0));
    }

    @Test
    void endAloneIsAMiss() throws Exception {
        assertThat(reader("END\r\n").readRetrievalReply(KEY)).isEqualTo(new MemcachedBenchReply.Miss());
    }

    @Test
    void aDataBlockLongerThanAnnouncedIsAProtocolViolation() {
        assertProtocolViolation("VALUE " + KEY + " 0 3\r\nhello\r\nEND\r\n", "longer than announced");
    }

    @Test
    void aValueWithoutEndIsAProtocolViolation() {
        assertProtocolViolation("VALUE " + KEY + " 0 5\r\nhello\r\nSTORED\r\n", "expected END");
    }

    @Test
    void aValueForAnotherKeyIsAProtocolViolation() {
        assertProtocolViolation("VALUE bench/00000002 0 5\r\nhello\r\nEND\r\n", "another key");
    }

    @Test
    void aValueLineWithACasUniqueIsNotAGetReply() {
        assertProtocolViolation("VALUE " + KEY + " 0 5 17\r\nhello\r\nEND\r\n", "needs 4 fields");
    }

    @Test
    void flagsOver32BitsAreAProtocolViolation() {
        assertProtocolViolation("VALUE " + KEY + " 4294967296 5\r\nhello\r\nEND\r\n", "bad flags '4294967296'");
    }

    @Test
    void aLengthOverTheLimitIsRefusedBeforeAnythingIsRead() {
        int tooLong = MemcachedBenchReader.DATA_BYTES_MAX + 1;
        assertProtocolViolation("VALUE " + KEY + " 0 " + tooLong + "\r\n", "bad length '" + tooLong + "'");
    }

    @Test
    void aNegativeLengthIsAProtocolViolation() {
        assertProtocolViolation("VALUE " + KEY + " 0 -1\r\n\r\nEND\r\n", "bad length '-1'");
    }

    @Test
    void aLineWithoutCarriageReturnIsAProtocolViolation() {
        assertProtocolViolation("STORED\n", "without \\r");
    }

    @Test
    void aLineAtTheLimitIsReadAndOneByteMoreIsAProtocolViolation() throws Exception {
        String longest = "SERVER_ERROR " + "x".repeat(MemcachedBenchReader.REPLY_LINE_BYTES_MAX - 13);
        assertThat(reader(longest + "\r\n").readStoreReply()).isInstanceOf(MemcachedBenchReply.ErrorReply.class);

        assertProtocolViolation(longest + "x\r\n", "longer than " + MemcachedBenchReader.REPLY_LINE_BYTES_MAX);
    }

    @Test
    void anEndlessLineIsRefusedAtTheLimitWithoutWaitingForItsEnd() {
        assertProtocolViolation("x".repeat(MemcachedBenchReader.REPLY_LINE_BYTES_MAX * 10), "longer than");
    }

    @Test
    void anUnknownReplyIsAProtocolViolationQuotedPrintably() {
        assertProtocolViolation("EXISTS\u0001\r\n", "unexpected reply to set: 'EXISTS\\x01'");
    }

    @Test
    void theEndOfTheStreamInsideAValueIsAnEndOfFile() {
        assertThatThrownBy(() -> reader("VALUE " + KEY + " 0 100\r\nhello").readRetrievalReply(KEY))
                .isInstanceOf(EOFException.class).hasMessageContaining("closed the connection");
    }

    private static void assertProtocolViolation(String replies, String expectedMessage) {
        assertThatThrownBy(() -> {
            MemcachedBenchReader reader = reader(replies);
            if (replies.startsWith("VALUE")) {
                reader.readRetrievalReply(KEY);
            } else {
                reader.readStoreReply();
            }
        }).isInstanceOf(MemcachedBenchProtocolException.class).hasMessageContaining(expectedMessage);
    }
}
