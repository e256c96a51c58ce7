package io.raftkv.torture.report;

import io.raftkv.torture.fault.FaultWindow;
import io.raftkv.torture.history.Outcome;
import io.raftkv.torture.history.RecordedOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryFilesTest {
    private static final String VALID_LINE = "{\"index\":0,\"process\":1,\"function\":\"read\",\"key\":\"k\","
            + "\"invokeNanos\":5,\"completeNanos\":9,\"outcome\":\"ok\"}";

    @TempDir
    Path folder;

    @Test
    void operationsRoundTripExactlyIncludingUnknownOutcomesAndAwkwardErrorText() throws IOException {
        List<RecordedOperation> operations = List.of(
                new RecordedOperation(0, 1, "write", "k1", "v1", null, "n1", 1_000, 2_000_000, Outcome.OK, null),
                new RecordedOperation(1, 2, "read", "k1", null, null, "n2", 3_000, 5_000_000_000L, Outcome.UNKNOWN,
                        "timed out after 5 s: \"n2\" said\nnothing \\ at all\t(ünïcödé)"),
                new RecordedOperation(2, 3, "cas", "k2", "1->2", null, "n3", 4_000, 4_000, Outcome.FAIL,
                        "precondition failed: expected \"1\""),
                new RecordedOperation(3, 1, "read-all", null, null, "[1, 2]", null, 0, Long.MAX_VALUE, Outcome.OK,
                        null));
        Path file = folder.resolve(ReportLayout.HISTORY_FILE_NAME);

        HistoryFiles.writeOperations(file, operations);

        assertThat(HistoryFiles.readOperations(file)).isEqualTo(operations);
    }

    @Test
    void faultsRoundTripExactly() throws IOException {
        List<FaultWindow> faults = List.of(
                new FaultWindow("kill", "kill -9 n3 (leader)", 1_000_000_000L, 4_500_000_000L),
                new FaultWindow("partition", "partition {n1,n2} | {n3,n4,n5} \"majority\"\nside", 2, 3),
                new FaultWindow("clock", null, 0, 0));
        Path file = folder.resolve(ReportLayout.FAULTS_FILE_NAME);

        HistoryFiles.writeFaults(file, faults);

        assertThat(HistoryFiles.readFaults(file)).isEqualTo(faults);
    }

    @Test
    void operationLineHasTheRecordsFieldsInOrderWithoutNullsAndWithReadableMillis() throws IOException {
        Path file = folder.resolve(ReportLayout.HISTORY_FILE_NAME);

        HistoryFiles.writeOperations(file, List.of(
                new RecordedOperation(0, 3, "write", "k1", "v1", null, "n2", 1_234_567, 2_500_000, Outcome.OK, null),
                new RecordedOperation(1, 4, "read", "k1", null, null, "n2", 7, 1_000_000_000_007L, Outcome.UNKNOWN,
                        "gave up")));

        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"index\":0,\"process\":3,\"function\":\"write\",\"key\":\"k1\",\"input\":\"v1\",\"node\":\"n2\","
                        + "\"invokeNanos\":1234567,\"invokeMillis\":1.235,"
                        + "\"completeNanos\":2500000,\"completeMillis\":2.500,\"outcome\":\"ok\"}",
                "{\"index\":1,\"process\":4,\"function\":\"read\",\"key\":\"k1\",\"node\":\"n2\","
                        + "\"invokeNanos\":7,\"invokeMillis\":0.000,"
                        + "\"completeNanos\":1000000000007,\"completeMillis\":1000000.000,\"outcome\":\"unknown\","
                        + "\"error\":\"gave up\"}");
    }

    @Test
    void faultLineHasTheRecordsFieldsInOrderWithReadableMillis() throws IOException {
        Path file = folder.resolve(ReportLayout.FAULTS_FILE_NAME);

        HistoryFiles.writeFaults(file, List.of(new FaultWindow("pause", "SIGSTOP n1", 1_000_000, 2_000_500)));

        assertThat(Files.readAllLines(file)).containsExactly("{\"kind\":\"pause\",\"description\":\"SIGSTOP n1\","
                + "\"startNanos\":1000000,\"startMillis\":1.000,\"endNanos\":2000500,\"endMillis\":2.001}");
    }

    @Test
    void readerTakesTheNanosAndIgnoresTheConvenienceMillis() throws IOException {
        Path file = write("{\"index\":0,\"process\":1,\"function\":\"read\",\"invokeNanos\":5,\"invokeMillis\":99.5,"
                + "\"completeNanos\":9,\"completeMillis\":-1,\"outcome\":\"fail\"}");

        assertThat(HistoryFiles.readOperations(file)).containsExactly(
                new RecordedOperation(0, 1, "read", null, null, null, null, 5, 9, Outcome.FAIL, null));
    }

    @Test
    void malformedJsonNamesTheFileAndTheLineNumber() throws IOException {
        Path file = write(VALID_LINE, VALID_LINE, "{\"index\":2,\"process\":", VALID_LINE);

        assertThatThrownBy(() -> HistoryFiles.readOperations(file))
                .isInstanceOfSatisfying(ReportFileFormatException.class, error -> {
                    assertThat(error.lineNumber()).isEqualTo(3);
                    assertThat(error.file()).isEqualTo(file);
                })
                .hasMessageStartingWith(file + " line 3: not valid JSON");
    }

    @Test
    void lineNumbersCountBlankLinesWhichAreSkipped() throws IOException {
        Path file = write(VALID_LINE, "", VALID_LINE, "[1, 2]");

        assertThatThrownBy(() -> HistoryFiles.readOperations(file))
                .hasMessage(file + " line 4: expected one JSON object, found ARRAY");
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        Path file = write("{\"index\":0,\"process\":1,\"invokeNanos\":5,\"completeNanos\":9}");

        assertThatThrownBy(() -> HistoryFiles.readOperations(file))
                .hasMessage(file + " line 1: missing field \"outcome\"");
    }

    @Test
    void unknownOutcomeWordIsRejected() throws IOException {
        Path file = write(VALID_LINE.replace("\"ok\"", "\"OK\""));

        assertThatThrownBy(() -> HistoryFiles.readOperations(file))
                .hasMessage(file + " line 1: field \"outcome\" must be \"ok\", \"fail\" or \"unknown\", found \"OK\"");
    }

    @Test
    void unknownFieldIsRejected() throws IOException {
        Path file = write(VALID_LINE.replace("\"key\"", "\"kee\""));

        assertThatThrownBy(() -> HistoryFiles.readOperations(file))
                .hasMessage(file + " line 1: unknown field \"kee\"");
    }

    @Test
    void fractionalNanosAreRejected() throws IOException {
        Path file = write(VALID_LINE.replace("\"invokeNanos\":5", "\"invokeNanos\":5.5"));

        assertThatThrownBy(() -> HistoryFiles.readOperations(file))
                .hasMessageStartingWith(file + " line 1: field \"invokeNanos\" must be a whole number");
    }

    @Test
    void completionBeforeInvocationIsReportedWithItsLine() throws IOException {
        Path file = write(VALID_LINE, VALID_LINE.replace("\"completeNanos\":9", "\"completeNanos\":4"));

        assertThatThrownBy(() -> HistoryFiles.readOperations(file))
                .hasMessageStartingWith(file + " line 2: operation 0 completes at 4 before its invocation at 5");
    }

    @Test
    void malformedFaultLineNamesTheLineNumber() throws IOException {
        Path file = write("{\"kind\":\"kill\",\"startNanos\":1,\"endNanos\":2}", "{\"kind\":\"kill\",\"startNanos\":1}");

        assertThatThrownBy(() -> HistoryFiles.readFaults(file))
                .hasMessage(file + " line 2: missing field \"endNanos\"");
    }

    @Test
    void emptyFileHoldsNoOperations() throws IOException {
        Path file = folder.resolve(ReportLayout.HISTORY_FILE_NAME);

        HistoryFiles.writeOperations(file, List.of());

        assertThat(Files.size(file)).isZero();
        assertThat(HistoryFiles.readOperations(file)).isEmpty();
    }

    private Path write(String... lines) throws IOException {
        Path file = folder.resolve("hand-written.jsonl");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }
}
