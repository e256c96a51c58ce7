package io.raftkv.memcached;

import io.raftkv.core.Bytes;
import io.raftkv.core.command.Arithmetic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.raftkv.memcached.RequestLineParser.BAD_FORMAT;
import static io.raftkv.memcached.RequestLineParser.DELETE_USAGE;
import static io.raftkv.memcached.RequestLineParser.ERROR;
import static io.raftkv.memcached.RequestLineParser.INVALID_DELTA;
import static io.raftkv.memcached.RequestLineParser.INVALID_EXPTIME;
import static org.assertj.core.api.Assertions.assertThat;

/** Every classic command form, and every bad line, with the answer memcached gives. */
class RequestLineParserTest {
    private final RequestLineParser parser = new RequestLineParser(TestFrontEnd.config());

    private LineOutcome parse(String line) {
        return parser.parse(TestConnection.bytes(line));
    }

    private static LineOutcome complete(ClientRequest request) {
        return new LineOutcome.Complete(request);
    }

    private static LineOutcome invalid(String errorLine) {
        return complete(new ClientRequest.Invalid(errorLine, false));
    }

    private static Bytes key(String text) {
        return Bytes.wrap(TestConnection.bytes(text));
    }

    @ParameterizedTest
    @CsvSource({"set,SET", "add,ADD", "replace,REPLACE", "append,APPEND", "prepend,PREPEND"})
    void storageLineAwaitsItsDataBlock(String command, ClientRequest.StorageVerb verb) {
        assertThat(parse(command + " k 42 100 5")).isEqualTo(new LineOutcome.AwaitingData(
                new PendingValue.StorageHeader(verb, key("k"), 42, 100, 0, false, 5)));
    }

    @Test
    void casLineCarriesItsUniqueAsUnsigned64Bits() {
        assertThat(parse("cas k 0 0 1 18446744073709551615 noreply")).isEqualTo(new LineOutcome.AwaitingData(
                new PendingValue.StorageHeader(ClientRequest.StorageVerb.CAS, key("k"), 0, 0, -1L, true, 1)));
    }

    @Test
    void noreplyCountsOnlyAsTheLastTokenAfterTheArguments() {
        assertThat(parse("set k 0 0 1 noreply")).isEqualTo(new LineOutcome.AwaitingData(
                new PendingValue.StorageHeader(ClientRequest.StorageVerb.SET, key("k"), 0, 0, 0, true, 1)));
        assertThat(parse("set k 0 0 1 whatever")).isEqualTo(new LineOutcome.AwaitingData(
                new PendingValue.StorageHeader(ClientRequest.StorageVerb.SET, key("k"), 0, 0, 0, false, 1)));
    }

    @Test
    void flagsUseAll32BitsAndExptimeMayBeNegative() {
        assertThat(parse("set k 4294967295 -1 0")).isEqualTo(new LineOutcome.AwaitingData(
                new PendingValue.StorageHeader(ClientRequest.StorageVerb.SET, key("k"), -1, -1, 0, false, 0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"set k 4294967296 0 3", "set k -1 0 3", "set k abc 0 3", "set k 0 abc 3",
            "set k 0 2147483648 3", "cas k 0 0 3 abc", "cas k 0 0 3 -1", "cas k 0 0 3 18446744073709551616"})
    void badFlagsExptimeOrCasAreRefusedAndTheirDataSwallowed(String line) {
        assertThat(parse(line)).isEqualTo(new LineOutcome.Refused(new ClientRequest.Invalid(BAD_FORMAT, false), 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"set k 0 0 abc", "set k 0 0 -1", "set k 0 0 2147483648"})
    void aLineWithoutAUsableByteCountIsRefusedWithoutSwallowing(String line) {
        assertThat(parse(line)).isEqualTo(invalid(BAD_FORMAT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"set k 0 0", "set k", "set", "cas k 0 0"})
    void aStorageLineWithTooFewArgumentsIsAnError(String line) {
        assertThat(parse(line)).isEqualTo(invalid(ERROR));
    }

    @Test
    void aStorageLineWithAWrongArgumentCountButAByteCountSwallowsItsData() {
        assertThat(parse("set k 0 0 1 noreply extra"))
                .isEqualTo(new LineOutcome.Refused(new ClientRequest.Invalid(ERROR, false), 3));
        assertThat(parse("cas k 0 0 1")).isEqualTo(new LineOutcome.Refused(new ClientRequest.Invalid(ERROR, false), 3));
    }

    @Test
    void aByteCountFarOverTheValueLimitIsTooLargeAndSwallowedWhole() {
        assertThat(parse("set k 0 0 2000000000 noreply"))
                .isEqualTo(new LineOutcome.Refused(new ClientRequest.TooLarge(true), 2_000_000_002L));
        assertThat(parse("set k 0 0 " + (TestFrontEnd.VALUE_BYTES_MAX + 1)))
                .isEqualTo(new LineOutcome.Refused(new ClientRequest.TooLarge(false),
                        TestFrontEnd.VALUE_BYTES_MAX + 3));
        assertThat(parse("set k 0 0 " + TestFrontEnd.VALUE_BYTES_MAX))
                .isInstanceOf(LineOutcome.AwaitingData.class);
    }

    @Test
    void keysUpTo250BytesAreAccepted() {
        String longest = "k".repeat(250);
        assertThat(parse("set " + longest + " 0 0 1")).isInstanceOf(LineOutcome.AwaitingData.class);
        assertThat(parse("get " + longest)).isEqualTo(complete(
                new ClientRequest.Retrieval(ClientRequest.RetrievalVerb.GET, 0, List.of(key(longest)))));
        assertThat(parse("set " + longest + "k 0 0 1"))
                .isEqualTo(new LineOutcome.Refused(new ClientRequest.Invalid(BAD_FORMAT, false), 3));
        assertThat(parse("get " + longest + "k")).isEqualTo(invalid(BAD_FORMAT));
        assertThat(parse("delete " + longest + "k")).isEqualTo(invalid(BAD_FORMAT));
        assertThat(parse("incr " + longest + "k 1")).isEqualTo(invalid(BAD_FORMAT));
        assertThat(parse("touch " + longest + "k 1")).isEqualTo(invalid(BAD_FORMAT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "a\u0001b", "a\u007fb", "a\rb", "\u0000"})
    void keysWithControlCharactersAreRefused(String badKey) {
        assertThat(parse("set " + badKey + " 0 0 1"))
                .isEqualTo(new LineOutcome.Refused(new ClientRequest.Invalid(BAD_FORMAT, false), 3));
        assertThat(parse("get ok " + badKey)).isEqualTo(invalid(BAD_FORMAT));
        assertThat(parse("delete " + badKey)).isEqualTo(invalid(BAD_FORMAT));
    }

    @Test
    void keysMayHoldAnyOtherByte() {
        assertThat(parse("get caf\u00e9/\u00ff~!")).isEqualTo(complete(new ClientRequest.Retrieval(
                ClientRequest.RetrievalVerb.GET, 0, List.of(key("caf\u00e9/\u00ff~!")))));
    }

    @Test
    void getNamesManyKeysSeparatedByRunsOfSpaces() {
        assertThat(parse("gets  a   b c ")).isEqualTo(complete(new ClientRequest.Retrieval(
                ClientRequest.RetrievalVerb.GETS, 0, List.of(key("a"), key("b"), key("c")))));
    }

    @Test
    void getWithoutKeysIsAnError() {
        assertThat(parse("get")).isEqualTo(invalid(ERROR));
        assertThat(parse("gets ")).isEqualTo(invalid(ERROR));
        assertThat(parse("gat")).isEqualTo(invalid(ERROR));
    }

    @Test
    void getWithMoreKeysThanTheLimitIsRefused() {
        MemcachedFrontEndConfig base = TestFrontEnd.config();
        RequestLineParser strict = new RequestLineParser(new MemcachedFrontEndConfig(base.host(), base.port(),
                base.limits(), base.connectionsMax(), base.keyBytesMax(), base.lineBytesMax(), 2,
                base.getReplyBytesMax(), base.pendingRequestsPerConnectionMax(), base.accessTableKeysMax(), base.valueBytesInFlightMax()));

        assertThat(strict.parse(TestConnection.bytes("get a b"))).isInstanceOf(LineOutcome.Complete.class);
        assertThat(strict.parse(TestConnection.bytes("get a b c")))
                .isEqualTo(invalid(RequestLineParser.TOO_MANY_KEYS));
    }

    @Test
    void gatTakesTheExptimeBeforeTheKeys() {
        assertThat(parse("gat -5 a b")).isEqualTo(complete(new ClientRequest.Retrieval(
                ClientRequest.RetrievalVerb.GAT, -5, List.of(key("a"), key("b")))));
        assertThat(parse("gats x a")).isEqualTo(invalid(INVALID_EXPTIME));
        assertThat(parse("gat 10")).isEqualTo(complete(
                new ClientRequest.Retrieval(ClientRequest.RetrievalVerb.GAT, 10, List.of())));
    }

    @Test
    void deleteAcceptsTheLegacyZeroAndNoreply() {
        assertThat(parse("delete k")).isEqualTo(complete(new ClientRequest.Deletion(key("k"), false)));
        assertThat(parse("delete k 0")).isEqualTo(complete(new ClientRequest.Deletion(key("k"), false)));
        assertThat(parse("delete k noreply")).isEqualTo(complete(new ClientRequest.Deletion(key("k"), true)));
        assertThat(parse("delete k 0 noreply")).isEqualTo(complete(new ClientRequest.Deletion(key("k"), true)));
    }

    @Test
    void deleteWithOtherArgumentsIsRefused() {
        assertThat(parse("delete k 10")).isEqualTo(invalid(DELETE_USAGE));
        assertThat(parse("delete k x noreply")).isEqualTo(invalid(DELETE_USAGE));
        assertThat(parse("delete a b c d e")).isEqualTo(invalid(ERROR));
        assertThat(parse("delete")).isEqualTo(invalid(ERROR));
    }

    @Test
    void incrAndDecrTakeAnUnsigned64BitDelta() {
        assertThat(parse("incr k 18446744073709551615")).isEqualTo(complete(new ClientRequest.IncrementOrDecrement(
                key("k"), Arithmetic.Direction.INCREMENT, -1L, false)));
        assertThat(parse("decr k 5 noreply")).isEqualTo(complete(new ClientRequest.IncrementOrDecrement(
                key("k"), Arithmetic.Direction.DECREMENT, 5, true)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"incr k -1", "incr k abc", "decr k 18446744073709551616", "incr k 1.5"})
    void aBadDeltaIsRefusedWithMemcachedsMessage(String line) {
        assertThat(parse(line)).isEqualTo(invalid(INVALID_DELTA));
    }

    @Test
    void touchTakesAnExptime() {
        assertThat(parse("touch k 30 noreply")).isEqualTo(complete(new ClientRequest.Touch(key("k"), 30, true)));
        assertThat(parse("touch k soon")).isEqualTo(invalid(INVALID_EXPTIME));
        assertThat(parse("touch k")).isEqualTo(invalid(ERROR));
        assertThat(parse("touch k 1 noreply more")).isEqualTo(invalid(ERROR));
        assertThat(parse("incr k")).isEqualTo(invalid(ERROR));
        assertThat(parse("incr k 1 2 3")).isEqualTo(invalid(ERROR));
    }

    @Test
    void flushAllTakesAnOptionalDelayAndNoreply() {
        assertThat(parse("flush_all")).isEqualTo(complete(new ClientRequest.Flush(0, false)));
        assertThat(parse("flush_all 10")).isEqualTo(complete(new ClientRequest.Flush(10, false)));
        assertThat(parse("flush_all noreply")).isEqualTo(complete(new ClientRequest.Flush(0, true)));
        assertThat(parse("flush_all 10 noreply")).isEqualTo(complete(new ClientRequest.Flush(10, true)));
        assertThat(parse("flush_all later")).isEqualTo(invalid(INVALID_EXPTIME));
        assertThat(parse("flush_all 1 2 3")).isEqualTo(invalid(ERROR));
    }

    @Test
    void versionAndQuitIgnoreArgumentsAsMemcached16Does() {
        assertThat(parse("version")).isEqualTo(complete(new ClientRequest.Version()));
        assertThat(parse("version foo bar")).isEqualTo(complete(new ClientRequest.Version()));
        assertThat(parse("version noreply")).isEqualTo(complete(new ClientRequest.Version()));
        assertThat(parse("quit")).isEqualTo(complete(new ClientRequest.Quit()));
        assertThat(parse("quit now")).isEqualTo(complete(new ClientRequest.Quit()));
    }

    @Test
    void verbosityNeedsANumericLevelAndALastNoreplySilencesIt() {
        assertThat(parse("verbosity 1")).isEqualTo(complete(new ClientRequest.Verbosity(false)));
        assertThat(parse("verbosity 0 noreply")).isEqualTo(complete(new ClientRequest.Verbosity(true)));
        assertThat(parse("verbosity")).isEqualTo(invalid(ERROR));
        assertThat(parse("verbosity foo bar my")).isEqualTo(invalid(ERROR));
        assertThat(parse("verbosity loud")).isEqualTo(invalid(BAD_FORMAT));
        assertThat(parse("verbosity noreply"))
                .isEqualTo(complete(new ClientRequest.Invalid(BAD_FORMAT, true)));
    }

    @Test
    void statsPassesItsSubcommandOn() {
        assertThat(parse("stats")).isEqualTo(complete(new ClientRequest.Stats("")));
        assertThat(parse("stats noreply")).isEqualTo(complete(new ClientRequest.Stats("noreply")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "bogus", "GET k", "Set k 0 0 1", "gett k", "m", "mx k"})
    void unknownCommandsAndEmptyLinesAreErrors(String line) {
        assertThat(parse(line)).isEqualTo(invalid(ERROR));
    }

    @Test
    void anHttpRequestLineClosesTheConnectionSilently() {
        assertThat(parse("GET / HTTP/1.1")).isEqualTo(complete(new ClientRequest.HttpProbe()));
    }
}
