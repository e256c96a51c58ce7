package io.raftkv.core.codec;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.ResultTypes;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.ClearNoSpaceAlarm;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Sweep;
import io.raftkv.core.query.Get;
import io.raftkv.core.query.GetResult;
import io.raftkv.core.query.QueryResult;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bytes written before commands and results were typed per operation (pinned here as that release encoded them)
 * decode to the typed commands, and their results narrow to each command's own result type: an existing data
 * directory and a mixed-version cluster keep working.
 */
class TypedDecodingTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String METADATA = "00000000" + "0000000000000001" + "0000000000000002" + "0000000000000003"
            + "0000000000000000";
    private static final KeyMetadata DECODED_METADATA = new KeyMetadata(0, 1, 2, 3, 0);

    @Test
    void anEarlierReleasesLogEntryDecodesToTypedCommands() {
        String entry = "01" + "0000000000000102" + "00000004"
                // A delete of "k" with the session of client "c", sequence 7, completed below 6.
                + "01" + "0000000163" + "0000000000000007" + "0000000000000006" + "03" + "000000016b"
                // An increment of "n" by 1, no compare, no vivify, no new time to live.
                + "00" + "07" + "000000016e" + "00" + "0000000000000001" + "ffffffffffffffff" + "fffffffffffffffe"
                + "0000000000000000" + "fffffffffffffffe"
                // A sweep of "x", and the clearing of node n1's NO_SPACE alarm.
                + "00" + "04" + "00000001" + "0000000178" + "00000000"
                + "00" + "0c" + "000000026e31";

        LogEntry decoded = CommandCodec.decodeEntry(HEX.parseHex(entry));

        assertThat(decoded).isEqualTo(new LogEntry(258, List.of(
                new Request(Optional.of(new ClientSession(Bytes.utf8("c"), 7, 6)), new Delete(Bytes.utf8("k"))),
                Request.of(new Arithmetic(Bytes.utf8("n"), Arithmetic.Direction.INCREMENT, 1, -1, -2, 0, -2)),
                Request.of(new Sweep(List.of(Bytes.utf8("x")), List.of())),
                Request.of(new ClearNoSpaceAlarm("n1")))));
    }

    @Test
    void anEarlierReleasesResultsNarrowToTheirCommandsResultTypes() {
        String results = "00000005"
                + "02" + "0000000000000004" + METADATA
                + "09" + METADATA + "0000000000000009"
                + "06" + "00000001" + "00000000"
                + "07"
                + "08" + "0000000000000007" + "0000000000000008";

        List<Result> decoded = ResultCodec.decodeAll(HEX.parseHex(results));

        assertThat(ResultTypes.narrow(new Delete(Bytes.utf8("k")), decoded.get(0)))
                .isEqualTo(new Result.Deleted(4, DECODED_METADATA));
        assertThat(ResultTypes.narrow(new Arithmetic(Bytes.utf8("n"), Arithmetic.Direction.INCREMENT, 1, -1, -2, 0,
                -2), decoded.get(1))).isEqualTo(new Result.Counted(DECODED_METADATA, 9));
        assertThat(ResultTypes.narrow(new Sweep(List.of(), List.of()), decoded.get(2)))
                .isEqualTo(new Result.Swept(1, 0));
        assertThat(ResultTypes.narrow(new ClearNoSpaceAlarm("n1"), decoded.get(3))).isEqualTo(new Result.Announced());
        assertThat(decoded.get(4)).isEqualTo(new Result.SequenceForgotten(7, 8));
    }

    @Test
    void anEarlierReleasesQueryAndAnswerDecodeToTheirTypes() {
        assertThat(QueryCodec.decodeQuery(HEX.parseHex("01" + "000000016b"))).isEqualTo(new Get(Bytes.utf8("k")));
        GetResult answer = ResultTypes.narrow(new Get(Bytes.utf8("k")),
                QueryCodec.decodeResult(HEX.parseHex("02" + "0000000000000005")));
        assertThat(answer).isEqualTo(new QueryResult.Missing(5));
    }

    @Test
    void aResultOfAnotherOperationIsAnInvariantViolationNamingBoth() {
        Put put = Put.of(Bytes.utf8("k"), Bytes.utf8("v"));
        assertThatThrownBy(() -> ResultTypes.narrow(put, new Result.Deleted(4, DECODED_METADATA)))
                .isInstanceOf(Invariants.InvariantViolation.class)
                .hasMessageContaining("Put").hasMessageContaining("Deleted");
        assertThatThrownBy(() -> ResultTypes.narrow(put, new Result.SequenceForgotten(7, 8)))
                .isInstanceOf(Invariants.InvariantViolation.class)
                .hasMessageContaining("SequenceForgotten");
        assertThatThrownBy(() -> ResultTypes.narrow(new Get(Bytes.utf8("k")),
                new QueryResult.RangeResult(5, List.of(), 0, false)))
                .isInstanceOf(Invariants.InvariantViolation.class)
                .hasMessageContaining("Get").hasMessageContaining("RangeResult");
    }
}
