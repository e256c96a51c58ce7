package io.raftkv.memcached;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The classic commands against the real state machine, through the same pipeline a socket gets. */
class ClassicCommandsTest {
    /** memcached's own words, which clients may look for. */
    private static final String GET_OUT_OF_MEMORY = "SERVER_ERROR out of memory writing get response\r\n";

    private final TestClock clock = new TestClock();
    private final StateMachineKvService service = new StateMachineKvService(clock);
    private final TestConnection connection = new TestConnection(TestFrontEnd.setup(service, clock));

    @AfterEach
    void close() {
        connection.close();
    }

    private String call(String text) {
        return connection.call(text);
    }

    private long casOf(String key) {
        String reply = call("gets " + key + "\r\n");
        String valueLine = reply.substring(0, reply.indexOf("\r\n"));
        return Long.parseLong(valueLine.substring(valueLine.lastIndexOf(' ') + 1));
    }

    @Test
    void setThenGetReturnsTheValueWithItsFlags() {
        assertThat(call("set greeting 42 0 5\r\nhello\r\n")).isEqualTo("STORED\r\n");
        assertThat(call("get greeting\r\n")).isEqualTo("VALUE greeting 42 5\r\nhello\r\nEND\r\n");
    }

    @Test
    void flagsRoundTripAllThirtyTwoBits() {
        call("set k 4294967295 0 1\r\nx\r\n");
        assertThat(call("get k\r\n")).isEqualTo("VALUE k 4294967295 1\r\nx\r\nEND\r\n");
    }

    @Test
    void valuesAreBinarySafe() {
        String binary = "\u0000\r\n\u00ff\u0080END\r\n";
        call("set bin 0 0 " + binary.length() + "\r\n" + binary + "\r\n");
        assertThat(call("get bin\r\n")).isEqualTo("VALUE bin 0 " + binary.length() + "\r\n" + binary + "\r\nEND\r\n");
    }

    @Test
    void getsShowsTheModRevisionAsTheCasUnique() {
        call("set a 0 0 1\r\n1\r\n");
        call("set b 0 0 1\r\n2\r\n");
        assertThat(call("gets b\r\n")).isEqualTo("VALUE b 0 1 " + service.revision() + "\r\n2\r\nEND\r\n");
    }

    @Test
    void aMultiGetAnswersHitsInRequestOrderAndSkipsMisses() {
        call("set one 1 0 1\r\n1\r\nset two 2 0 1\r\n2\r\n");
        assertThat(call("get two missing one two\r\n")).isEqualTo(
                "VALUE two 2 1\r\n2\r\nVALUE one 1 1\r\n1\r\nVALUE two 2 1\r\n2\r\nEND\r\n");
        assertThat(call("get nothing\r\n")).isEqualTo("END\r\n");
    }

    /** A hit costs its key and value: "k" and 990 bytes is 991, so two fit in 2,000 bytes and three do not. */
    private static final String VALUE_OF_K = "v".repeat(990);
    private static final String HIT_ON_K = "VALUE k 0 990\r\n" + VALUE_OF_K + "\r\n";

    /** A connection whose get replies may carry 2,000 bytes of keys and values, after it stored k. */
    private TestConnection replyLimitedConnectionHoldingK() {
        MemcachedFrontEndConfig config = TestFrontEnd.config().withGetReplyBytesMax(2_000);
        TestConnection limited = new TestConnection(TestFrontEnd.setup(config, service, clock));
        limited.call("set k 0 0 990\r\n" + VALUE_OF_K + "\r\n");
        return limited;
    }

    @Test
    void aGetWhoseReplyWouldPassTheLimitIsAnOutOfMemoryErrorAsInMemcached() {
        try (TestConnection limited = replyLimitedConnectionHoldingK()) {
            assertThat(limited.call("get k k\r\n")).isEqualTo(HIT_ON_K + HIT_ON_K + "END\r\n");
            assertThat(limited.call("get k k k\r\n")).isEqualTo(GET_OUT_OF_MEMORY);
            assertThat(limited.call("gets missing k k k\r\n")).isEqualTo(GET_OUT_OF_MEMORY);
            assertThat(limited.call("get k\r\n")).isEqualTo(HIT_ON_K + "END\r\n");
        }
    }

    @Test
    void aGatWhoseReplyWouldPassTheLimitIsAnOutOfMemoryErrorAsInMemcached() {
        try (TestConnection limited = replyLimitedConnectionHoldingK()) {
            limited.call("set other 0 10 1\r\no\r\n");

            assertThat(limited.call("gat 100 k other k\r\n"))
                    .isEqualTo(HIT_ON_K + "VALUE other 0 1\r\no\r\n" + HIT_ON_K + "END\r\n");
            assertThat(limited.call("gat 100 k k k\r\n")).isEqualTo(GET_OUT_OF_MEMORY);
            assertThat(limited.call("gats 100 k\r\n")).startsWith("VALUE k 0 990 ");
        }
    }

    @Test
    void addStoresOnlyWhenTheKeyIsMissing() {
        assertThat(call("add k 0 0 1\r\na\r\n")).isEqualTo("STORED\r\n");
        assertThat(call("add k 0 0 1\r\nb\r\n")).isEqualTo("NOT_STORED\r\n");
        assertThat(call("get k\r\n")).contains("\r\na\r\n");
    }

    @Test
    void replaceStoresOnlyWhenTheKeyExists() {
        assertThat(call("replace k 0 0 1\r\na\r\n")).isEqualTo("NOT_STORED\r\n");
        call("set k 0 0 1\r\na\r\n");
        assertThat(call("replace k 5 0 1\r\nb\r\n")).isEqualTo("STORED\r\n");
        assertThat(call("get k\r\n")).isEqualTo("VALUE k 5 1\r\nb\r\nEND\r\n");
    }

    @Test
    void appendAndPrependKeepFlagsAndNeverCreate() {
        call("set k 9 0 5\r\nhello\r\n");
        assertThat(call("append k 1 0 6\r\n world\r\n")).isEqualTo("STORED\r\n");
        assertThat(call("prepend k 2 0 1\r\n>\r\n")).isEqualTo("STORED\r\n");
        assertThat(call("get k\r\n")).isEqualTo("VALUE k 9 12\r\n>hello world\r\nEND\r\n");
        assertThat(call("append nothing 0 0 1\r\nx\r\n")).isEqualTo("NOT_STORED\r\n");
        assertThat(call("prepend nothing 0 0 1\r\nx\r\n")).isEqualTo("NOT_STORED\r\n");
        assertThat(call("get nothing\r\n")).isEqualTo("END\r\n");
    }

    @Test
    void appendKeepsTheExpiry() {
        call("set k 0 10 1\r\na\r\n");
        call("append k 0 0 1\r\nb\r\n");
        clock.advanceSeconds(11);
        service.tick();
        assertThat(call("get k\r\n")).isEqualTo("END\r\n");
    }

    @Test
    void appendPastTheValueLimitIsTooLargeAndChangesNothing() {
        String half = "h".repeat(TestFrontEnd.VALUE_BYTES_MAX / 2 + 1);
        call("set k 0 0 " + half.length() + "\r\n" + half + "\r\n");
        assertThat(call("append k 0 0 " + half.length() + "\r\n" + half + "\r\n"))
                .isEqualTo("SERVER_ERROR object too large for cache\r\n");
        assertThat(call("get k\r\n")).contains(" " + half.length() + "\r\n");
    }

    @Test
    void casStoresOnlyOverTheUniqueItWasGiven() {
        call("set k 0 0 1\r\na\r\n");
        long cas = casOf("k");
        assertThat(call("cas k 0 0 1 " + cas + "\r\nb\r\n")).isEqualTo("STORED\r\n");
        assertThat(call("cas k 0 0 1 " + cas + "\r\nc\r\n")).isEqualTo("EXISTS\r\n");
        assertThat(call("cas missing 0 0 1 " + cas + "\r\nc\r\n")).isEqualTo("NOT_FOUND\r\n");
        assertThat(call("get k\r\n")).contains("\r\nb\r\n");
    }

    @Test
    void casUniquesThatNoKeyCanHaveNeverMatch() {
        call("set k 0 0 1\r\na\r\n");
        assertThat(call("cas k 0 0 1 0\r\nb\r\n")).isEqualTo("EXISTS\r\n");
        assertThat(call("cas k 0 0 1 18446744073709551615\r\nb\r\n")).isEqualTo("EXISTS\r\n");
        assertThat(call("cas missing 0 0 1 0\r\nb\r\n")).isEqualTo("NOT_FOUND\r\n");
        assertThat(call("get missing\r\n")).isEqualTo("END\r\n");
    }

    @Test
    void deleteAnswersDeletedThenNotFound() {
        call("set k 0 0 1\r\na\r\n");
        assertThat(call("delete k 0\r\n")).isEqualTo("DELETED\r\n");
        assertThat(call("delete k\r\n")).isEqualTo("NOT_FOUND\r\n");
        assertThat(call("get k\r\n")).isEqualTo("END\r\n");
    }

    @Test
    void incrAndDecrCountAsUnsigned64BitNumbers() {
        call("set n 3 0 1\r\n0\r\n");
        assertThat(call("incr n 5\r\n")).isEqualTo("5\r\n");
        assertThat(call("decr n 2\r\n")).isEqualTo("3\r\n");
        assertThat(call("decr n 10\r\n")).isEqualTo("0\r\n");
        assertThat(call("get n\r\n")).isEqualTo("VALUE n 3 1\r\n0\r\nEND\r\n");
    }

    @Test
    void incrWrapsAtTwoToTheSixtyFour() {
        call("set n 0 0 20\r\n18446744073709551615\r\n");
        assertThat(call("incr n 1\r\n")).isEqualTo("0\r\n");
        call("set n 0 0 20\r\n18446744073709551610\r\n");
        assertThat(call("incr n 10\r\n")).isEqualTo("4\r\n");
    }

    @Test
    void incrOnAMissingOrNonNumericValueFails() {
        assertThat(call("incr missing 1\r\n")).isEqualTo("NOT_FOUND\r\n");
        call("set word 0 0 5\r\nhello\r\n");
        assertThat(call("incr word 1\r\n"))
                .isEqualTo("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
        assertThat(call("incr word lots\r\n")).isEqualTo("CLIENT_ERROR invalid numeric delta argument\r\n");
    }

    @Test
    void touchChangesTheExpiryOfAnExistingKey() {
        call("set k 0 10 1\r\na\r\n");
        assertThat(call("touch k 100\r\n")).isEqualTo("TOUCHED\r\n");
        assertThat(call("touch missing 100\r\n")).isEqualTo("NOT_FOUND\r\n");
        clock.advanceSeconds(50);
        service.tick();
        assertThat(call("get k\r\n")).contains("VALUE k");
        clock.advanceSeconds(51);
        service.tick();
        assertThat(call("get k\r\n")).isEqualTo("END\r\n");
    }

    @Test
    void aRelativeExptimeExpiresThatManySecondsLater() {
        call("set k 0 10 1\r\na\r\n");
        clock.advanceSeconds(9);
        service.tick();
        assertThat(call("get k\r\n")).contains("VALUE k");
        clock.advanceSeconds(2);
        service.tick();
        assertThat(call("get k\r\n")).isEqualTo("END\r\n");
    }

    @Test
    void anExptimeOverThirtyDaysIsAnAbsoluteUnixTime() {
        long expiresAt = clock.seconds() + 100;
        call("set k 0 " + expiresAt + " 1\r\na\r\n");
        clock.advanceSeconds(99);
        service.tick();
        assertThat(call("get k\r\n")).contains("VALUE k");
        clock.advanceSeconds(2);
        service.tick();
        assertThat(call("get k\r\n")).isEqualTo("END\r\n");
    }

    @Test
    void anAbsoluteTimeInThePastOrANegativeExptimeIsAlreadyExpired() {
        assertThat(call("set past 0 " + (clock.seconds() - 1) + " 1\r\na\r\n")).isEqualTo("STORED\r\n");
        assertThat(call("set negative 0 -1 1\r\na\r\n")).isEqualTo("STORED\r\n");
        assertThat(call("get past negative\r\n")).isEqualTo("END\r\n");
    }

    @Test
    void aZeroExptimeNeverExpires() {
        call("set k 0 0 1\r\na\r\n");
        clock.advanceSeconds(Expiry.RELATIVE_SECONDS_MAX * 3);
        service.tick();
        assertThat(call("get k\r\n")).contains("VALUE k");
    }

    @Test
    void getAndTouchReturnsTheValuesAndSetsTheirExpiry() {
        call("set a 1 10 1\r\nA\r\nset b 2 10 1\r\nB\r\n");
        assertThat(call("gat 100 a missing b\r\n")).isEqualTo("VALUE a 1 1\r\nA\r\nVALUE b 2 1\r\nB\r\nEND\r\n");
        clock.advanceSeconds(50);
        service.tick();
        assertThat(call("gats 0 a\r\n")).isEqualTo("VALUE a 1 1 " + casOf("a") + "\r\nA\r\nEND\r\n");
        clock.advanceSeconds(1000);
        service.tick();
        assertThat(call("get a b\r\n")).isEqualTo("VALUE a 1 1\r\nA\r\nEND\r\n");
    }

    @Test
    void flushAllForgetsEveryKey() {
        call("set a 0 0 1\r\na\r\nset b 0 0 1\r\nb\r\n");
        assertThat(call("flush_all\r\n")).isEqualTo("OK\r\n");
        assertThat(call("get a b\r\n")).isEqualTo("END\r\n");
        assertThat(call("set a 0 0 1\r\nz\r\n")).isEqualTo("STORED\r\n");
        assertThat(call("get a\r\n")).contains("\r\nz\r\n");
    }

    @Test
    void flushAllWithADelayTakesEffectLater() {
        call("set a 0 0 1\r\na\r\n");
        assertThat(call("flush_all 10\r\n")).isEqualTo("OK\r\n");
        assertThat(call("get a\r\n")).contains("VALUE a");
        clock.advanceSeconds(11);
        service.tick();
        assertThat(call("get a\r\n")).isEqualTo("END\r\n");
    }

    @Test
    void noreplyCommandsTakeEffectSilently() {
        assertThat(call("set k 0 0 1 noreply\r\na\r\nappend k 0 0 1 noreply\r\nb\r\n"
                + "add k 0 0 1 noreply\r\nc\r\nincr k 1 noreply\r\ntouch k 10 noreply\r\n"
                + "get k\r\ndelete k noreply\r\nget k\r\nflush_all noreply\r\nverbosity 1 noreply\r\n"))
                .isEqualTo("VALUE k 0 2\r\nab\r\nEND\r\nEND\r\n");
    }

    @Test
    void errorsOfANoreplyCommandAreSilentToo() {
        assertThat(call("incr k x noreply\r\nset k 0 0 1 noreply\r\nab\r\nmn\r\n"))
                .isEqualTo("ERROR\r\nMN\r\n");
    }

    @Test
    void aValueOverTheLimitIsRefusedAndNothingIsStored() {
        int declared = TestFrontEnd.VALUE_BYTES_MAX + 1;
        call("set k 0 0 1\r\nv\r\n");
        assertThat(call("set k 0 0 " + declared + "\r\n" + "x".repeat(declared) + "\r\nget k\r\n"))
                .isEqualTo("SERVER_ERROR object too large for cache\r\nVALUE k 0 1\r\nv\r\nEND\r\n");
    }

    @Test
    void badInputNeverStoresAnything() {
        String replies = call("set k 0 0 3\r\nabcde\r\nset " + "k".repeat(251) + " 0 0 1\r\nx\r\n"
                + "set k\u0001 0 0 1\r\nx\r\nset k x 0 1\r\nx\r\nget k\r\n");
        assertThat(replies).isEqualTo("CLIENT_ERROR bad data chunk\r\nERROR\r\n"
                + "CLIENT_ERROR bad command line format\r\nCLIENT_ERROR bad command line format\r\n"
                + "CLIENT_ERROR bad command line format\r\nEND\r\n");
        assertThat(service.revision()).isZero();
    }

    @Test
    void versionVerbosityAndMetaNoopAnswerLocally() {
        assertThat(call("version\r\n")).isEqualTo("VERSION " + ConnectionSetup.VERSION + "\r\n");
        assertThat(call("verbosity 1\r\n")).isEqualTo("OK\r\n");
        assertThat(call("mn\r\n")).isEqualTo("MN\r\n");
        assertThat(call("bogus\r\n")).isEqualTo("ERROR\r\n");
    }

    @Test
    void statsReportsCountersAndTheRaftView() {
        call("set k 0 0 1\r\na\r\nget k nope\r\n");
        String stats = call("stats\r\n");
        assertThat(stats).startsWith("STAT pid " + ProcessHandle.current().pid() + "\r\n").endsWith("\r\nEND\r\n")
                .contains("STAT version " + ConnectionSetup.VERSION + "\r\n", "STAT cmd_get 2\r\n",
                        "STAT cmd_set 1\r\n", "STAT get_hits 1\r\n", "STAT get_misses 1\r\n",
                        "STAT time " + clock.seconds() + "\r\n", "STAT raftkv_node_id node-1\r\n",
                        "STAT raftkv_role LEADER\r\n", "STAT raftkv_leader node-1\r\n", "STAT raftkv_term 3\r\n",
                        "STAT raftkv_revision 1\r\n", "STAT raftkv_applied_index ");
        assertThat(stats.lines().filter(line -> !line.equals("END")))
                .allMatch(line -> line.matches("STAT [a-z_]+ \\S+"));
    }

    @Test
    void statsSubcommandsAnswerAsMemcachedDoes() {
        call("get k\r\n");
        assertThat(call("stats noreply\r\n")).isEqualTo("ERROR\r\n");
        assertThat(call("stats detail dump\r\n")).isEqualTo("ERROR\r\n");
        assertThat(call("stats items\r\n")).isEqualTo("END\r\n");
        assertThat(call("stats settings\r\n")).contains("STAT item_size_max " + TestFrontEnd.VALUE_BYTES_MAX + "\r\n",
                "STAT evictions off\r\n").endsWith("END\r\n");
        assertThat(call("stats reset\r\n")).isEqualTo("RESET\r\n");
        assertThat(call("stats\r\n")).contains("STAT cmd_get 0\r\n");
    }

    @Test
    void quitClosesTheConnectionAfterEarlierRepliesAndRunsNothingAfterIt() {
        assertThat(call("get x\r\nquit\r\nset k 0 0 1\r\na\r\n")).isEqualTo("END\r\n");
        assertThat(connection.isOpen()).isFalse();
        assertThat(service.revision()).isZero();
    }

    @Test
    void aLineOverTheLimitIsAnsweredAndTheConnectionClosed() {
        assertThat(call("get " + "k".repeat(TestFrontEnd.config().lineBytesMax())))
                .isEqualTo("CLIENT_ERROR line too long\r\n");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void anHttpRequestIsClosedWithoutAReply() {
        assertThat(call("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).isEmpty();
        assertThat(connection.isOpen()).isFalse();
    }
}
