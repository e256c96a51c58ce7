package io.raftkv.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a node's log, for failure reports. */
final class LogTail {
    /** Reading only the end keeps a long log from flooding memory; a few hundred lines fit comfortably. */
    private static final int TAIL_BYTES_MAX = 256 * 1024;

    private LogTail() {
    }

    static List<String> read(Path logFile, int lineCount) {
        if (!Files.exists(logFile)) {
            return List.of("(no log file " + logFile + ")");
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES_MAX);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            List<String> lines = Arrays.asList(new String(tail, StandardCharsets.UTF_8).split("\n"));
            return List.copyOf(lines.subList(Math.max(0, lines.size() - lineCount), lines.size()));
        } catch (IOException readFailure) {
            throw new UncheckedIOException("could not read " + logFile, readFailure);
        }
    }
}
