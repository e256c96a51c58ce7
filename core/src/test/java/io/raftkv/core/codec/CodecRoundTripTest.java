package io.raftkv.core.codec;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.NoSpaceAlarm;
import io.raftkv.core.command.Announce;
import io.raftkv.core.command.Append;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.ClearNoSpaceAlarm;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.CompareDelete;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.RaiseNoSpaceAlarm;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.StoreMode;
import io.raftkv.core.command.Sweep;
import io.raftkv.core.query.Get;
import io.raftkv.core.query.MemberAddresses;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import io.raftkv.core.query.Range;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** jqwik prints the seed of any failing property; rerun with that seed to reproduce. */
class CodecRoundTripTest {

    @Provide
    Arbitrary<Bytes> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Bytes::wrap);
    }

    @Provide
    Arbitrary<Command<?>> commands() {
        Arbitrary<Bytes> bytes = bytes();
        Arbitrary<Long> longs = Arbitraries.longs();
        return Arbitraries.oneOf(
                Combinators.combine(bytes, bytes, Arbitraries.integers(), longs, longs).as(Put::new),
                Combinators.combine(bytes, bytes, longs, Arbitraries.integers()).as(Append::new),
                bytes.map(Delete::new),
                Combinators.combine(bytes.list().ofMaxSize(5), bytes.list().ofMaxSize(3)).as(Sweep::new),
                Combinators.combine(Arbitraries.strings().ofMaxLength(10), Arbitraries.strings().ofMaxLength(20))
                        .as(Announce::new));
    }

    /** The memcached commands, kept apart so that each stays within what one combinator takes. */
    @Provide
    Arbitrary<Command<?>> cacheCommands() {
        Arbitrary<Bytes> bytes = bytes();
        Arbitrary<Long> longs = Arbitraries.longs();
        Arbitrary<Store> stores = Combinators.combine(bytes, bytes, Arbitraries.integers(), longs,
                        Arbitraries.of(StoreMode.class), longs, Arbitraries.of(true, false), longs)
                .flatAs((key, value, flags, ttl, mode, compare, invalidate, vivify) -> Arbitraries.integers()
                        .map(valueBytesMax -> new Store(key, value, flags, ttl, mode, compare, invalidate, vivify,
                                valueBytesMax)));
        return Arbitraries.oneOf(stores,
                Combinators.combine(bytes, Arbitraries.of(Arithmetic.Direction.class), longs, longs, longs, longs,
                        longs).as(Arithmetic::new),
                Combinators.combine(bytes, longs, longs, longs).as(Fetch::new),
                Combinators.combine(bytes, longs, Arbitraries.of(true, false), longs, Arbitraries.of(true, false))
                        .as(CompareDelete::new),
                longs.map(FlushAll::new));
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<Optional<ClientSession>> sessions = Combinators.combine(
                        bytes().filter(id -> !id.isEmpty()), Arbitraries.longs().between(1, Long.MAX_VALUE))
                .as((id, sequence) -> new ClientSession(id, sequence, sequence / 2))
                .optional();
        return Combinators.combine(sessions, Arbitraries.oneOf(commands(), cacheCommands(), alarmCommands()))
                .as(Request::new);
    }

    /** The disk alarms that nodes raise and clear for themselves. */
    @Provide
    Arbitrary<Command<?>> alarmCommands() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(20);
        Arbitrary<Long> longs = Arbitraries.longs();
        return Arbitraries.oneOf(
                Combinators.combine(text, longs, longs, text).as(NoSpaceAlarm::new).map(RaiseNoSpaceAlarm::new),
                text.map(ClearNoSpaceAlarm::new));
    }

    @Test
    void noSpaceAlarmsSurviveEncoding() {
        List<Request> requests = List.of(
                Request.of(new RaiseNoSpaceAlarm(new NoSpaceAlarm("n3", 12L << 20, 64L << 20, "/data/n3"))),
                Request.of(new ClearNoSpaceAlarm("n3")));
        assertThat(CommandCodec.decodeProposal(CommandCodec.encodeProposal(requests))).isEqualTo(requests);
    }

    @Provide
    Arbitrary<List<Request>> requestLists() {
        return requests().list().ofMaxSize(6);
    }

    @Property
    void logEntriesSurviveEncoding(@ForAll("requestLists") List<Request> requests,
                                   @ForAll long leaderTime) {
        if (requests.isEmpty()) {
            return;
        }
        LogEntry entry = new LogEntry(Math.abs(leaderTime == Long.MIN_VALUE ? 0 : leaderTime), requests);
        assertThat(CommandCodec.decodeEntry(CommandCodec.encodeEntry(entry))).isEqualTo(entry);
    }

    @Property
    void proposalsSurviveEncoding(@ForAll("requestLists") List<Request> requests) {
        assertThat(CommandCodec.decodeProposal(CommandCodec.encodeProposal(requests))).isEqualTo(requests);
    }

    @Test
    void everyResultSurvivesEncoding() {
        KeyMetadata metadata = new KeyMetadata(-1, 3, 5, 9, 1234);
        List<Result> results = List.of(new Result.Written(metadata), new Result.Deleted(10, metadata),
                new Result.NotFound(), new Result.RevisionMismatch(Optional.of(metadata)),
                new Result.RevisionMismatch(Optional.empty()),
                new Result.Rejected(Result.RejectReason.VALUE_TOO_LARGE, "too big"), new Result.Swept(3, 1),
                new Result.Announced(), new Result.SequenceForgotten(4, 7));
        assertThat(ResultCodec.decodeAll(ResultCodec.encodeAll(results))).isEqualTo(results);
        for (Result result : results) {
            assertThat(ResultCodec.decode(ResultCodec.encode(result))).isEqualTo(result);
        }
    }

    @Test
    void everyQueryAndQueryResultSurvivesEncoding() {
        List<Query<?>> queries = List.of(new Get(Bytes.utf8("k")), Range.prefix(Bytes.utf8("p/"), 10, true, false),
                new Range(Bytes.EMPTY, Optional.empty(), 5, false, true), new MemberAddresses());
        for (Query<?> query : queries) {
            assertThat(QueryCodec.decodeQuery(QueryCodec.encode(query))).isEqualTo(query);
        }
        KeyValue keyValue = new KeyValue(Bytes.utf8("k"), Bytes.utf8("v"), new KeyMetadata(7, 1, 2, 2, 0));
        List<QueryResult> results = List.of(new QueryResult.Found(3, keyValue), new QueryResult.Missing(4),
                new QueryResult.RangeResult(5, List.of(keyValue), 9, true),
                new QueryResult.Addresses(6, Map.of("n1", "127.0.0.1:8081")));
        for (QueryResult result : results) {
            assertThat(QueryCodec.decodeResult(QueryCodec.encode(result))).isEqualTo(result);
        }
    }

    @Test
    void corruptInputFailsWithCodecExceptionNotAHugeAllocation() {
        byte[] hostileCount = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> CommandCodec.decodeProposal(hostileCount)).isInstanceOf(CodecException.class);
        byte[] unknownVersion = CommandCodec.encodeEntry(new LogEntry(1, List.of(Request.of(new Delete(Bytes.utf8("k"))))));
        unknownVersion[0] = 99;
        assertThatThrownBy(() -> CommandCodec.decodeEntry(unknownVersion)).isInstanceOf(CodecException.class)
                .hasMessageContaining("format version");
        byte[] truncated = ResultCodec.encode(new Result.Written(new KeyMetadata(0, 1, 1, 1, 0)));
        assertThatThrownBy(() -> ResultCodec.decode(java.util.Arrays.copyOf(truncated, truncated.length - 1)))
                .isInstanceOf(CodecException.class);
        byte[] trailing = java.util.Arrays.copyOf(truncated, truncated.length + 1);
        assertThatThrownBy(() -> ResultCodec.decode(trailing)).isInstanceOf(CodecException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void encodingIsStableAcrossReleases() {
        // The log written today must replay tomorrow: pin the exact bytes of one entry.
        LogEntry entry = new LogEntry(258, List.of(Request.of(Put.of(Bytes.utf8("k"), Bytes.utf8("v")))));
        assertThat(java.util.HexFormat.of().formatHex(CommandCodec.encodeEntry(entry))).isEqualTo(
                "01" + "0000000000000102" + "00000001" + "00" + "01" + "00000001" + "6b" + "00000001" + "76"
                        + "00000000" + "0000000000000000" + "ffffffffffffffff");
    }
}
