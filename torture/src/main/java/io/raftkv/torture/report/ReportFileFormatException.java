package io.raftkv.torture.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A report file (history or fault timeline) that does not hold what its reader expects. The message names the file and
 * the line so that a person can open it at the right place.
 */
public final class ReportFileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Paths are not serializable; a deserialized exception keeps its message, which names the file. */
    private final transient Path file;
    private final long lineNumber;

    public ReportFileFormatException(Path file, long lineNumber, String problem, Throwable cause) {
        super(file + " line " + lineNumber + ": " + problem, cause);
        this.file = file;
        this.lineNumber = lineNumber;
    }

    public Path file() {
        return file;
    }

    /** The line that is malformed, counted from 1 as text editors do. */
    public long lineNumber() {
        return lineNumber;
    }
}
