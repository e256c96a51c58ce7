package io.raftkv.memcached;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The meta commands against the real state machine: flags, modes, quiet mode, opaques, base64 keys, recache. */
class MetaCommandsTest {
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

    private long revision() {
        return service.revision();
    }

    @Test
    void metaGetReturnsTheFlagsAskedForInRequestOrder() {
        call("ms foo 3 F5 T100\r\nbar\r\n");
        assertThat(call("mg foo s v t f c k Oxyz\r\n"))
                .isEqualTo("VA 3 s3 t100 f5 c" + revision() + " kfoo Oxyz\r\nbar\r\n");
        assertThat(call("mg foo Oq c k\r\n")).isEqualTo("HD Oq c" + revision() + " kfoo\r\n");
        assertThat(call("mg foo\r\n")).isEqualTo("HD\r\n");
    }

    @Test
    void aKeyThatNeverExpiresShowsATtlOfMinusOne() {
        call("set k 0 0 1\r\na\r\n");
        assertThat(call("mg k t\r\n")).isEqualTo("HD t-1\r\n");
    }

    @Test
    void aMissIsEnWithTheOpaqueAndKeyOrNothingWhenQuiet() {
        assertThat(call("mg nope v\r\n")).isEqualTo("EN\r\n");
        assertThat(call("mg nope v Oab k\r\n")).isEqualTo("EN Oab knope\r\n");
        assertThat(call("mg nope v q\r\nmg nope2 q k\r\nmn\r\n")).isEqualTo("MN\r\n");
    }

    @Test
    void quietMetaGetsStillAnswerHits() {
        call("set hit 0 0 1\r\nh\r\n");
        assertThat(call("mg miss v q O1\r\nmg hit v q O2\r\nmn\r\n")).isEqualTo("VA 1 O2\r\nh\r\nMN\r\n");
    }

    @Test
    void aMatchingCasLeavesTheValueOut() {
        call("set k 0 0 3\r\nabc\r\n");
        assertThat(call("mg k v C" + revision() + "\r\n")).isEqualTo("HD\r\n");
        assertThat(call("mg k v C" + (revision() + 1) + "\r\n")).isEqualTo("VA 3\r\nabc\r\n");
    }

    @Test
    void metaGetWithTTouchesTheKey() {
        call("set k 0 10 1\r\na\r\n");
        assertThat(call("mg k T300 t\r\n")).isEqualTo("HD t300\r\n");
        clock.advanceSeconds(100);
        service.tick();
        assertThat(call("mg k t v\r\n")).isEqualTo("VA 1 t200\r\na\r\n");
        assertThat(call("mg missing T30\r\n")).isEqualTo("EN\r\n");
    }

    @Test
    void metaGetWithNCreatesAMissingKeyAndOnlyItsCreatorWins() {
        assertThat(call("mg k N30 s t v\r\n")).isEqualTo("VA 0 s0 t30 W\r\n\r\n");
        assertThat(call("mg k s v\r\n")).isEqualTo("VA 0 s0 Z\r\n\r\n");
        assertThat(call("mg k N30 s\r\n")).isEqualTo("HD s0 Z\r\n");
    }

    @Test
    void metaGetWithRWinsTheRecacheOnceWhenLittleTimeIsLeft() {
        call("set k 0 10 1\r\na\r\n");
        assertThat(call("mg k R5 v\r\n")).isEqualTo("VA 1\r\na\r\n");
        assertThat(call("mg k R30 v\r\n")).isEqualTo("VA 1 W\r\na\r\n");
        assertThat(call("mg k R30 v\r\n")).isEqualTo("VA 1 Z\r\na\r\n");
        call("set k 0 10 1\r\nb\r\n");
        assertThat(call("mg k R30\r\n")).isEqualTo("HD W\r\n");
    }

    @Test
    void anInvalidatedKeyIsServedStaleAndExactlyOneReaderWinsTheRecache() {
        call("set k 0 0 3\r\nold\r\n");
        assertThat(call("md k I\r\n")).isEqualTo("HD\r\n");
        assertThat(call("mg k v c\r\n")).isEqualTo("VA 3 c" + revision() + " X W\r\nold\r\n");
        assertThat(call("mg k v\r\n")).isEqualTo("VA 3 Z X\r\nold\r\n");
        call("set k 0 0 3\r\nnew\r\n");
        assertThat(call("mg k v\r\n")).isEqualTo("VA 3\r\nnew\r\n");
    }

    @Test
    void twoPipelinedReadsOfAStaleKeyHandOutOneWin() {
        call("set k 0 0 1\r\na\r\nmd k I\r\n");
        assertThat(call("mg k O1\r\nmg k O2\r\n")).isEqualTo("HD O1 X W\r\nHD O2 Z X\r\n");
    }

    @Test
    void invalidatingWithTSetsTheStaleKeysTtl() {
        call("set k 0 0 1\r\na\r\n");
        call("md k I T30\r\n");
        assertThat(call("mg k t\r\n")).isEqualTo("HD t30 X W\r\n");
    }

    @Test
    void aMetaSetWithAnOlderCasAndIMarksTheKeyStale() {
        call("ms k 1\r\na\r\n");
        long older = revision();
        call("ms k 1\r\nb\r\n");
        assertThat(call("ms k 1 C" + older + " I\r\nc\r\n")).isEqualTo("HD\r\n");
        assertThat(call("mg k v\r\n")).isEqualTo("VA 1 X W\r\nc\r\n");
        assertThat(call("ms k 1 C" + older + "\r\nd\r\n")).isEqualTo("EX\r\n");
    }

    @Test
    void metaSetModesActLikeTheClassicCommands() {
        assertThat(call("ms k 1 MR\r\na\r\n")).isEqualTo("NS\r\n");
        assertThat(call("ms k 1 MA\r\na\r\n")).isEqualTo("NS\r\n");
        assertThat(call("ms k 1 ME\r\na\r\n")).isEqualTo("HD\r\n");
        assertThat(call("ms k 1 ME\r\nb\r\n")).isEqualTo("NS\r\n");
        assertThat(call("ms k 2 MA s\r\nbc\r\n")).isEqualTo("HD s3\r\n");
        assertThat(call("ms k 1 MP s\r\n>\r\n")).isEqualTo("HD s4\r\n");
        assertThat(call("ms k 1 MR s\r\nz\r\n")).isEqualTo("HD s1\r\n");
        assertThat(call("ms k 1 MS\r\ny\r\n")).isEqualTo("HD\r\n");
        assertThat(call("mg k v\r\n")).isEqualTo("VA 1\r\ny\r\n");
    }

    @Test
    void appendWithNCreatesAMissingKey() {
        assertThat(call("ms k 3 MA N30 s\r\nabc\r\n")).isEqualTo("HD s3\r\n");
        assertThat(call("mg k v t\r\n")).isEqualTo("VA 3 t30\r\nabc\r\n");
    }

    @Test
    void metaSetComparesTheCasAndShowsTheNewOne() {
        call("ms k 1\r\na\r\n");
        long current = revision();
        assertThat(call("ms k 1 C" + current + " c\r\nb\r\n")).isEqualTo("HD c" + (current + 1) + "\r\n");
        assertThat(call("ms k 1 C" + current + " c\r\nc\r\n")).isEqualTo("EX c0\r\n");
        assertThat(call("ms missing 1 C" + current + "\r\nc\r\n")).isEqualTo("NF\r\n");
        assertThat(call("ms k 1 ME C1\r\nc\r\n")).isEqualTo("NS\r\n");
    }

    @Test
    void metaSetTakesFlagsAndTtl() {
        call("ms k 2 F7 T60\r\nhi\r\n");
        assertThat(call("get k\r\n")).isEqualTo("VALUE k 7 2\r\nhi\r\nEND\r\n");
        assertThat(call("mg k t f\r\n")).isEqualTo("HD t60 f7\r\n");
    }

    @Test
    void quietMetaSetsHideOnlySuccess() {
        call("set k 0 0 1\r\na\r\n");
        assertThat(call("ms k 1 q\r\nb\r\nms k 1 q ME Ox\r\nc\r\nmn\r\n")).isEqualTo("NS Ox\r\nMN\r\n");
    }

    @Test
    void aBase64KeyIsStoredDecodedAndEchoedEncoded() {
        assertThat(call("ms Zm9v 3 b k\r\nbar\r\n")).isEqualTo("HD kZm9v b\r\n");
        assertThat(call("get foo\r\n")).isEqualTo("VALUE foo 0 3\r\nbar\r\nEND\r\n");
        assertThat(call("mg Zm9v b k v\r\n")).isEqualTo("VA 3 kZm9v b\r\nbar\r\n");
        assertThat(call("md Zm9v b q\r\nmg foo\r\n")).isEqualTo("EN\r\n");
    }

    @Test
    void aBinaryKeyRoundTripsThroughBase64() {
        assertThat(call("ms AP8K 1 b\r\nx\r\n")).isEqualTo("HD\r\n");
        assertThat(call("mg AP8K b v k\r\n")).isEqualTo("VA 1 kAP8K b\r\nx\r\n");
        assertThat(call("me AP8K b\r\n")).startsWith("ME AP8K exp=-1 ");
    }

    @Test
    void metaSetAlwaysReportsABadDataChunk() {
        assertThat(call("ms k 1 q\r\nab\r\nmn\r\n")).startsWith("CLIENT_ERROR bad data chunk\r\n").endsWith("MN\r\n");
        assertThat(call("mg k\r\n")).isEqualTo("EN\r\n");
    }

    @Test
    void metaDeleteDeletesComparesAndHidesSuccessWhenQuiet() {
        call("set a 0 0 1\r\na\r\nset b 0 0 1\r\nb\r\n");
        assertThat(call("md a q\r\nmd nope q Oz\r\nmn\r\n")).isEqualTo("NF Oz\r\nMN\r\n");
        String casOfB = call("mg b c\r\n").replace("HD c", "").strip();
        assertThat(call("md b C1 k\r\n")).isEqualTo("EX kb\r\n");
        assertThat(call("md b C" + casOfB + "\r\n")).isEqualTo("HD\r\n");
        assertThat(call("get a b\r\n")).isEqualTo("END\r\n");
    }

    @Test
    void metaDeleteWithXKeepsTheKeyWithAnEmptyValue() {
        call("set k 4 0 3\r\nabc\r\n");
        assertThat(call("md k x\r\n")).isEqualTo("HD\r\n");
        assertThat(call("mg k s v f\r\n")).isEqualTo("VA 0 s0 f4\r\n\r\n");
    }

    @Test
    void metaArithmeticCountsCreatesAndCompares() {
        assertThat(call("ma n\r\n")).isEqualTo("NF\r\n");
        assertThat(call("ma n N0 J10 v\r\n")).isEqualTo("VA 2\r\n10\r\n");
        assertThat(call("ma n v\r\n")).isEqualTo("VA 2\r\n11\r\n");
        assertThat(call("ma n D5 v t c\r\n")).isEqualTo("VA 2 t-1 c" + (revision()) + "\r\n16\r\n");
        assertThat(call("ma n MD D100 v\r\n")).isEqualTo("VA 1\r\n0\r\n");
        assertThat(call("ma n M- k O1\r\n")).isEqualTo("HD kn O1\r\n");
        assertThat(call("ma n C1 v\r\n")).isEqualTo("EX\r\n");
        assertThat(call("ma n q\r\nmn\r\n")).isEqualTo("MN\r\n");
        assertThat(call("get n\r\n")).isEqualTo("VALUE n 0 1\r\n1\r\nEND\r\n");
    }

    @Test
    void metaArithmeticOnTextFails() {
        call("set word 0 0 2\r\nhi\r\n");
        assertThat(call("ma word\r\n")).isEqualTo("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
        assertThat(call("ma word q\r\n")).isEqualTo("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
    }

    @Test
    void metaDebugDescribesTheKey() {
        call("set k 0 100 3\r\nabc\r\n");
        assertThat(call("me k\r\n")).isEqualTo("ME k exp=100 la=0 cas=" + revision() + " fetch=no cls=1 size=3\r\n");
        call("get k\r\n");
        clock.advanceSeconds(7);
        assertThat(call("me k\r\n")).isEqualTo("ME k exp=93 la=7 cas=" + revision() + " fetch=yes cls=1 size=3\r\n");
        assertThat(call("me missing\r\n")).isEqualTo("EN\r\n");
    }

    @Test
    void hitAndLastAccessDescribeTheStateBeforeTheRequest() {
        call("set k 0 0 1\r\na\r\n");
        assertThat(call("mg k h l\r\n")).isEqualTo("HD h0 l0\r\n");
        clock.advanceSeconds(5);
        assertThat(call("mg k h l\r\n")).isEqualTo("HD h1 l5\r\n");
        clock.advanceSeconds(3);
        assertThat(call("mg k l u\r\n")).isEqualTo("HD l3\r\n");
        clock.advanceSeconds(2);
        assertThat(call("mg k l\r\n")).isEqualTo("HD l5\r\n");
        call("set k 0 0 1\r\nb\r\n");
        assertThat(call("mg k h\r\n")).isEqualTo("HD h0\r\n");
    }

    @Test
    void theEFlagIsRefusedAndNothingChanges() {
        call("set k 0 0 1\r\na\r\n");
        long before = revision();
        assertThat(call("ms k 1 E99\r\nb\r\nmd k E99\r\nma k E99\r\n")).isEqualTo(
                ("CLIENT_ERROR E flag is not supported: CAS values are cluster revisions\r\n").repeat(3));
        assertThat(revision()).isEqualTo(before);
    }

    @Test
    void opaquesOfUpTo32BytesComeBack() {
        String opaque = "O" + "7".repeat(31);
        assertThat(call("mg nope " + opaque + "\r\n")).isEqualTo("EN " + opaque + "\r\n");
        assertThat(call("mg nope " + opaque + "7\r\n")).isEqualTo("CLIENT_ERROR opaque token too long\r\n");
    }
}
