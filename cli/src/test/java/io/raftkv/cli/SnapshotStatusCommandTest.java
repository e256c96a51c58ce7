package io.raftkv.cli;

import io.raftkv.core.Bytes;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.statemachine.KvStateMachine;
import io.raftkv.storage.memory.MemoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotStatusCommandTest {
    @TempDir
    Path directory;

    /** A snapshot of a store that applied two puts in entries 1 and 2 of term 3. */
    private Path snapshotWithTwoKeys() throws IOException {
        KvStateMachine machine = new KvStateMachine(MemoryStorage.create(),
                KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
        machine.apply(1, 3, new LogEntry(1_000, List.of(Request.of(Put.of(Bytes.utf8("a"), Bytes.utf8("1"))))));
        machine.apply(2, 3, new LogEntry(2_000, List.of(Request.of(Put.of(Bytes.utf8("b"), Bytes.utf8("2"))))));
        Path file = directory.resolve("snapshot.3_2");
        try (OutputStream out = Files.newOutputStream(file)) {
            machine.storage().writeSnapshot(out);
        }
        return file;
    }

    @Test
    void printsRevisionPositionKeysSizeAndChecksum() throws IOException {
        Path file = snapshotWithTwoKeys();

        CommandRunner.Run run = CommandRunner.run("snapshot", "status", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("revision       2\n", "applied index  2 (term 3)\n",
                "keys           2 (2 records;", "size           " + Files.size(file) + " bytes\n",
                "(valid)");
    }

    @Test
    void aTruncatedSnapshotIsRefusedWithOneLineAndExitSix() throws IOException {
        Path file = snapshotWithTwoKeys();
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        CommandRunner.Run run = CommandRunner.run("snapshot", "status", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CORRUPT_FILE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("is not an intact raftkv snapshot", "truncated").hasLineCount(1);
    }

    @Test
    void aMissingFileIsAUsageError() {
        CommandRunner.Run run = CommandRunner.run("snapshot", "status", directory.resolve("absent").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).contains("cannot read"));
        assertThat(run.err()).doesNotContain("Exception");
    }
}
