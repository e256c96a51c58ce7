package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.command.Put;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.SnapshotCorruptException;
import io.raftkv.storage.memory.MemoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What `raftkv snapshot status` reports about a snapshot file, and how it refuses a damaged one. */
class SnapshotInspectorTest {
    @TempDir
    Path directory;

    private Path snapshotOf(MachineDriver driver) throws IOException {
        Path file = directory.resolve("snapshot");
        Files.write(file, driver.snapshot());
        return file;
    }

    private static MachineDriver driverWithThreeLiveKeysAndOneExpired() {
        MachineDriver driver = new MachineDriver(MemoryStorage.create());
        driver.apply(1_000, Put.of(Bytes.utf8("a"), Bytes.utf8("1")));
        driver.apply(1_000, Put.of(Bytes.utf8("b"), Bytes.utf8("2")));
        driver.apply(1_000, new Put(Bytes.utf8("short-lived"), Bytes.utf8("3"), 0, 500, Put.UNCONDITIONAL));
        driver.apply(2_000, Put.of(Bytes.utf8("c"), Bytes.utf8("4")));
        return driver;
    }

    @Test
    void reportsPositionRevisionLiveKeysAndRecords() throws IOException {
        MachineDriver driver = driverWithThreeLiveKeysAndOneExpired();
        Path file = snapshotOf(driver);
        AtomicLong lastBytesRead = new AtomicLong();

        SnapshotInspector.Status status = SnapshotInspector.inspect(file, lastBytesRead::set);

        assertThat(status.appliedIndex()).isEqualTo(4);
        assertThat(status.appliedTerm()).isEqualTo(MachineDriver.TERM);
        assertThat(status.revision()).isEqualTo(4);
        assertThat(status.clusterTimeMillis()).isEqualTo(2_000);
        assertThat(status.liveKeys()).as("the expired key is not live").isEqualTo(3);
        assertThat(status.dataRecords()).isEqualTo(4);
        assertThat(status.sizeBytes()).isEqualTo(Files.size(file));
        assertThat(status.summary().checksumValid()).isTrue();
        assertThat(status.summary().recordCounts().get(Keyspace.DATA)).isEqualTo(4);
        assertThat(lastBytesRead.get()).as("progress covers both passes").isEqualTo(2 * Files.size(file));
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path file = snapshotOf(driverWithThreeLiveKeysAndOneExpired());
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 10));

        assertThatThrownBy(() -> SnapshotInspector.inspect(file, bytes -> { }))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("truncated");
    }

    @Test
    void aFlippedByteIsRefused() throws IOException {
        Path file = snapshotOf(driverWithThreeLiveKeysAndOneExpired());
        byte[] damaged = Files.readAllBytes(file);
        damaged[damaged.length / 2] ^= 0x01;
        Files.write(file, damaged);

        assertThatThrownBy(() -> SnapshotInspector.inspect(file, bytes -> { }))
                .isInstanceOf(SnapshotCorruptException.class);
    }

    @Test
    void aFileThatIsNotASnapshotIsRefused() throws IOException {
        Path file = directory.resolve("notes.txt");
        Files.writeString(file, "hello, this is not a snapshot");

        assertThatThrownBy(() -> SnapshotInspector.inspect(file, bytes -> { }))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("not a raftkv snapshot");
    }
}
