package io.raftkv.memcached;

import io.raftkv.core.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.raftkv.memcached.MetaFlagParser.E_FLAG_UNSUPPORTED;
import static io.raftkv.memcached.RequestLineParser.BAD_FORMAT;
import static org.assertj.core.api.Assertions.assertThat;

/** Meta command lines: keys, flags in order, and memcached's error lines for bad flags. */
class MetaLineParserTest {
    private final RequestLineParser parser = new RequestLineParser(TestFrontEnd.config());

    private LineOutcome parse(String line) {
        return parser.parse(TestConnection.bytes(line));
    }

    private ClientRequest request(String line) {
        LineOutcome outcome = parse(line);
        assertThat(outcome).isInstanceOf(LineOutcome.Complete.class);
        return ((LineOutcome.Complete) outcome).request();
    }

    private static LineOutcome invalid(String errorLine) {
        return new LineOutcome.Complete(new ClientRequest.Invalid(errorLine, false));
    }

    private static MetaKey key(String text) {
        return new MetaKey(Bytes.utf8(text), false);
    }

    @Test
    void metaGetKeepsItsFlagsInRequestOrderWithTheirArguments() {
        ClientRequest.MetaGet get = (ClientRequest.MetaGet) request("mg foo v t c f Oabc k N30 Pignored Lpath/");

        assertThat(get.key()).isEqualTo(key("foo"));
        assertThat(get.flags().inOrder()).extracting(MetaFlags.Flag::name)
                .containsExactly('v', 't', 'c', 'f', 'O', 'k', 'N', 'P', 'L');
        assertThat(get.flags().argument('O')).contains(Bytes.utf8("abc"));
        assertThat(get.flags().number('N')).hasValue(30);
    }

    @Test
    void aBase64KeyIsDecodedAndRemembersItCameThatWay() {
        ClientRequest.MetaGet get = (ClientRequest.MetaGet) request("mg AAEC/w== b v");

        assertThat(get.key()).isEqualTo(new MetaKey(Bytes.wrap(new byte[]{0, 1, 2, (byte) 0xff}), true));
        assertThat(parse("mg !!!! b")).isEqualTo(invalid("CLIENT_ERROR error decoding key"));
    }

    @Test
    void eachMetaCommandParsesItsKey() {
        assertThat(request("md foo q I T30")).isInstanceOf(ClientRequest.MetaDelete.class);
        assertThat(request("ma foo MD D5 N0 J10 v")).isInstanceOf(ClientRequest.MetaArithmetic.class);
        assertThat(request("me foo")).isEqualTo(new ClientRequest.MetaDebug(key("foo")));
        assertThat(request("me Zm9v b")).isEqualTo(new ClientRequest.MetaDebug(new MetaKey(Bytes.utf8("foo"), true)));
        assertThat(request("mn")).isEqualTo(new ClientRequest.MetaNoop());
    }

    @ParameterizedTest
    @ValueSource(strings = {"me", "ms foo", "ms foo abc", "ms foo -1"})
    void aMissingKeyOrLengthIsABadFormatWithNothingToSwallow(String line) {
        assertThat(parse(line)).isEqualTo(invalid(BAD_FORMAT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mg", "md", "ma", "ms"})
    void aMetaCommandWithoutAKeyIsAnError(String line) {
        assertThat(parse(line)).isEqualTo(invalid(RequestLineParser.ERROR));
    }

    @Test
    void keysOver250BytesOrWithControlCharactersAreRefused() {
        assertThat(parse("mg " + "k".repeat(251) + " v")).isEqualTo(invalid(BAD_FORMAT));
        assertThat(parse("mg a\u0001b v")).isEqualTo(invalid(BAD_FORMAT));
        assertThat(parse("me " + "k".repeat(251))).isEqualTo(invalid(BAD_FORMAT));
        assertThat(parse("ms a\tb 1")).isEqualTo(
                new LineOutcome.Refused(new ClientRequest.Invalid(BAD_FORMAT, false), 3));
    }

    @Test
    void flagProblemsGetMemcachedsMessages() {
        assertThat(parse("mg foo v v")).isEqualTo(invalid("CLIENT_ERROR duplicate flag"));
        assertThat(parse("mg foo O1 O2")).isEqualTo(invalid("CLIENT_ERROR duplicate flag"));
        assertThat(parse("mg foo z")).isEqualTo(invalid("CLIENT_ERROR invalid flag"));
        assertThat(parse("mg foo Tsoon")).isEqualTo(invalid("CLIENT_ERROR bad token in command line format"));
        assertThat(parse("mg foo T")).isEqualTo(invalid("CLIENT_ERROR bad token in command line format"));
        assertThat(parse("md foo C-1")).isEqualTo(invalid("CLIENT_ERROR bad token in command line format"));
        assertThat(parse("mg foo a b c d e f g h i j k l m n o p q r s"))
                .isEqualTo(invalid("CLIENT_ERROR options flags are too long"));
    }

    @Test
    void opaqueTokensMayBe32BytesWithTheirO() {
        assertThat(parse("mg foo O" + "x".repeat(31))).isInstanceOf(LineOutcome.Complete.class)
                .isNotEqualTo(invalid("CLIENT_ERROR opaque token too long"));
        assertThat(parse("mg foo O" + "x".repeat(32))).isEqualTo(invalid("CLIENT_ERROR opaque token too long"));
    }

    @Test
    void theEFlagIsRefusedBecauseCasValuesAreClusterRevisions() {
        assertThat(parse("mg foo E5")).isEqualTo(invalid(E_FLAG_UNSUPPORTED));
        assertThat(parse("md foo E5")).isEqualTo(invalid(E_FLAG_UNSUPPORTED));
        assertThat(parse("ma foo E5")).isEqualTo(invalid(E_FLAG_UNSUPPORTED));
        assertThat(parse("ms foo 2 E5")).isEqualTo(
                new LineOutcome.Refused(new ClientRequest.Invalid(E_FLAG_UNSUPPORTED, false), 4));
    }

    @Test
    void metaArithmeticAnswersEveryFlagProblemTheSameWay() {
        assertThat(parse("ma foo Dabc")).isEqualTo(invalid("CLIENT_ERROR invalid or duplicate flag"));
        assertThat(parse("ma foo v v")).isEqualTo(invalid("CLIENT_ERROR invalid or duplicate flag"));
        assertThat(parse("ma foo MX")).isEqualTo(invalid("CLIENT_ERROR invalid mode for ma M token"));
    }

    @Test
    void metaSetAwaitsItsDataBlock() {
        LineOutcome outcome = parse("ms foo 3 T10 F5 c MA N30");

        assertThat(outcome).isInstanceOf(LineOutcome.AwaitingData.class);
        PendingValue.MetaSetHeader header =
                (PendingValue.MetaSetHeader) ((LineOutcome.AwaitingData) outcome).pending();
        assertThat(header.key()).isEqualTo(key("foo"));
        assertThat(header.valueBytes()).isEqualTo(3);
        assertThat(header.flags().modeOf('M')).contains('A');
        assertThat(header.flags().number('F')).hasValue(5);
    }

    @Test
    void aRefusedMetaSetSwallowsItsDataBlock() {
        assertThat(parse("ms foo 3 MX")).isEqualTo(new LineOutcome.Refused(
                new ClientRequest.Invalid("CLIENT_ERROR invalid mode for ms M token", false), 5));
        assertThat(parse("ms foo 3 z")).isEqualTo(new LineOutcome.Refused(
                new ClientRequest.Invalid("CLIENT_ERROR invalid flag", false), 5));
        assertThat(parse("ms foo 3 F-1")).isEqualTo(new LineOutcome.Refused(
                new ClientRequest.Invalid(BAD_FORMAT, false), 5));
        assertThat(parse("ms foo 5000 q")).isEqualTo(
                new LineOutcome.Refused(new ClientRequest.TooLarge(false), 5002));
    }

    @Test
    void everyFlagMemcachedKnowsIsAccepted() {
        List<String> flags = List.of("b", "c", "C1", "f", "h", "k", "l", "O1", "q", "s", "t", "v", "N1", "R1",
                "T1", "I", "MS", "J1", "D1", "F1", "x", "u", "P1", "L1");
        for (String flag : flags) {
            String key = flag.equals("b") ? "Zm9v" : "foo";
            assertThat(parse("mg " + key + " " + flag)).as(flag).isInstanceOf(LineOutcome.Complete.class)
                    .extracting(outcome -> ((LineOutcome.Complete) outcome).request())
                    .isInstanceOf(ClientRequest.MetaGet.class);
        }
    }
}
