package io.raftkv.core.codec;

import io.raftkv.core.Bytes;
import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.Limits;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.CompareDelete;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.StoreMode;
import io.raftkv.core.query.CacheGet;
import io.raftkv.core.query.QueryResult.CacheItem;
import io.raftkv.core.query.QueryResult.CacheItems;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The binary forms of the memcached commands, their results and the cache query. */
class CacheCodecTest {
    private static final KeyMetadata METADATA = new KeyMetadata(-7, 2, 3, 9, 1_234);
    private static final KeyValue KEY_VALUE = new KeyValue(Bytes.utf8("k"), Bytes.utf8("v"), METADATA);

    @Test
    void everyStoreModeAndDirectionSurvivesEncoding() {
        List<Request> requests = new ArrayList<>();
        for (StoreMode mode : StoreMode.values()) {
            requests.add(Request.of(new Store(Bytes.utf8("k"), Bytes.utf8("v"), -1, TtlMillis.EXPIRED, mode, 5, true,
                    TtlMillis.NOT_GIVEN, 1_024)));
        }
        for (Arithmetic.Direction direction : Arithmetic.Direction.values()) {
            requests.add(Request.of(new Arithmetic(Bytes.utf8("n"), direction, -1, Store.NO_COMPARE, 60_000, -2,
                    TtlMillis.NOT_GIVEN)));
        }
        requests.add(Request.of(new Fetch(Bytes.utf8("f"), TtlMillis.NEVER, TtlMillis.NOT_GIVEN, 30_000)));
        requests.add(Request.of(new CompareDelete(Bytes.utf8("d"), 4, true, TtlMillis.NOT_GIVEN, true)));
        requests.add(Request.of(new FlushAll(10_000)));

        assertThat(CommandCodec.decodeProposal(CommandCodec.encodeProposal(requests))).isEqualTo(requests);
    }

    @Test
    void cacheResultsSurviveEncoding() {
        List<Result> results = List.of(new Result.Counted(METADATA, -1),
                new Result.Fetched(KEY_VALUE, new CacheMarks(true, false), true),
                new Result.Fetched(KEY_VALUE, new CacheMarks(false, true), false),
                new Result.Fetched(KEY_VALUE, CacheMarks.NONE, false), new Result.Flushed(99),
                new Result.Rejected(Result.RejectReason.NOT_A_NUMBER, "not a number"));

        assertThat(ResultCodec.decodeAll(ResultCodec.encodeAll(results))).isEqualTo(results);
    }

    @Test
    void rejectReasonsKeepTheirWireOrdinals() {
        // Results stored for retried writes outlive a release; the ordinals must never move.
        assertThat(List.of(Result.RejectReason.values())).containsExactly(Result.RejectReason.VALUE_TOO_LARGE,
                Result.RejectReason.INVALID_REQUEST, Result.RejectReason.NOT_A_NUMBER);
    }

    @Test
    void cacheGetAndItemsSurviveEncodingWithDuplicatesAndMisses() {
        CacheGet query = new CacheGet(List.of(Bytes.utf8("k"), Bytes.utf8("missing"), Bytes.utf8("k")), 4096);
        CacheItem item = new CacheItem(KEY_VALUE, new CacheMarks(true, true));
        CacheItems result = new CacheItems(12, List.of(Optional.of(item), Optional.empty(), Optional.of(item)));

        assertThat(QueryCodec.decodeQuery(QueryCodec.encode(query))).isEqualTo(query);
        assertThat(QueryCodec.decodeResult(QueryCodec.encode(result))).isEqualTo(result);
    }

    @Test
    void cacheGetOverTheKeyLimitIsRefusedByTheDecoder() {
        CacheGet tooMany = new CacheGet(Collections.nCopies(Limits.CACHE_GET_KEYS_MAX + 1, Bytes.utf8("k")),
                Limits.CACHE_GET_BYTES_MAX);

        assertThatThrownBy(() -> QueryCodec.decodeQuery(QueryCodec.encode(tooMany)))
                .isInstanceOf(CodecException.class).hasMessageContaining("more than");
    }

    @Test
    void unknownTagsFailWithCodecException() {
        byte[] unknownCommand = CommandCodec.encodeEntry(new LogEntry(1, List.of(Request.of(new FlushAll(0)))));
        // The command tag follows the entry header, the request count and the session flag.
        unknownCommand[CommandCodec.ENTRY_HEADER_BYTES + 4 + 1] = 99;
        assertThatThrownBy(() -> CommandCodec.decodeEntry(unknownCommand)).isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown command tag 99");
        assertThatThrownBy(() -> ResultCodec.decode(new byte[] {99})).isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown result tag");
        assertThatThrownBy(() -> QueryCodec.decodeQuery(new byte[] {99})).isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown query tag");
        assertThatThrownBy(() -> QueryCodec.decodeResult(new byte[] {99, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(CodecException.class).hasMessageContaining("unknown query result tag");
    }

    @Test
    void unknownEnumCodesAndMarkBitsFailWithCodecException() {
        byte[] store = proposalOf(new Store(Bytes.utf8("k"), Bytes.EMPTY, 0, 0, StoreMode.SET, -1, false, 0, 0));
        // After the count, the session flag, the tag, the key, the empty value, the flags and the ttl.
        int modeOffset = 4 + 1 + 1 + (4 + 1) + 4 + 4 + 8;
        assertThat(store[modeOffset]).isEqualTo((byte) 0);
        store[modeOffset] = 5;
        assertThatThrownBy(() -> CommandCodec.decodeProposal(store)).isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown store mode 5");

        byte[] arithmetic = proposalOf(new Arithmetic(Bytes.utf8("k"), Arithmetic.Direction.DECREMENT, 1, -1, 0, 0, 0));
        int directionOffset = 4 + 1 + 1 + (4 + 1);
        assertThat(arithmetic[directionOffset]).isEqualTo((byte) 1);
        arithmetic[directionOffset] = 2;
        assertThatThrownBy(() -> CommandCodec.decodeProposal(arithmetic)).isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown arithmetic direction 2");

        byte[] fetched = ResultCodec.encode(new Result.Fetched(KEY_VALUE, CacheMarks.NONE, false));
        int marksOffset = fetched.length - 2;
        fetched[marksOffset] = 4;
        assertThatThrownBy(() -> ResultCodec.decode(fetched)).isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown cache mark bits");
    }

    @Test
    void storeEncodingIsStableAcrossReleases() {
        // Pins the tag, the mode code and the field order of the store command in the log.
        byte[] proposal = proposalOf(new Store(Bytes.utf8("k"), Bytes.utf8("v"), 1, 2, StoreMode.PREPEND, 3, true,
                4, 5));
        assertThat(HexFormat.of().formatHex(proposal)).isEqualTo("00000001" + "00" + "06" + "00000001" + "6b"
                + "00000001" + "76" + "00000001" + "0000000000000002" + "04" + "0000000000000003" + "01"
                + "0000000000000004" + "00000005");
    }

    private static byte[] proposalOf(io.raftkv.core.command.Command<?> command) {
        return CommandCodec.encodeProposal(List.of(Request.of(command)));
    }
}
