package io.raftkv.torture.report;

import io.raftkv.torture.fault.FaultWindow;
import io.raftkv.torture.history.RecordedOperation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The history and the fault timeline of a run as JSON lines files: one object per line, so that a person can read,
 * grep and diff them, and so that a checker can be run again on a saved run.
 *
 * <p>An operation line holds the record's fields in order, leaves out {@code null}s, writes the outcome as {@code ok},
 * {@code fail} or {@code unknown}, and writes each time both as integer nanoseconds ({@code invokeNanos}) and as
 * decimal milliseconds with three decimals ({@code invokeMillis}). A fault line likewise has {@code kind},
 * {@code description}, {@code startNanos}/{@code startMillis} and {@code endNanos}/{@code endMillis}. The readers
 * take the nanoseconds and ignore the milliseconds, so writing and reading gives back equal records. Blank lines are
 * skipped; anything else malformed is a {@link ReportFileFormatException} naming the file and line.
 */
public final class HistoryFiles {
    private HistoryFiles() {
    }

    /** Writes the operations, one line each, replacing the file. */
    public static void writeOperations(Path file, List<RecordedOperation> operations) throws IOException {
        JsonLines.write(file, operations, OperationLineFormat.INSTANCE);
    }

    /** Reads back what {@link #writeOperations} wrote. */
    public static List<RecordedOperation> readOperations(Path file) throws IOException {
        return JsonLines.read(file, OperationLineFormat.INSTANCE);
    }

    /** Writes the fault windows, one line each, replacing the file. */
    public static void writeFaults(Path file, List<FaultWindow> faults) throws IOException {
        JsonLines.write(file, faults, FaultLineFormat.INSTANCE);
    }

    /** Reads back what {@link #writeFaults} wrote. */
    public static List<FaultWindow> readFaults(Path file) throws IOException {
        return JsonLines.read(file, FaultLineFormat.INSTANCE);
    }
}
