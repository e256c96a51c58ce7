package io.raftkv.storage;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotFormatTest {

    private record Entry(Keyspace keyspace, Bytes key, Bytes value) {
    }

    private static byte[] snapshot(Entry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotWriter writer = SnapshotFormat.writer(out);
        for (Entry entry : entries) {
            writer.write(entry.keyspace(), entry.key(), entry.value());
        }
        writer.finish();
        return out.toByteArray();
    }

    private static List<Entry> read(byte[] snapshot) throws IOException {
        List<Entry> entries = new ArrayList<>();
        SnapshotFormat.read(new ByteArrayInputStream(snapshot),
                (keyspace, key, value) -> entries.add(new Entry(keyspace, key, value)));
        return entries;
    }

    /** Writes raw bytes after the header and seals them with a correct checksum, as a buggy writer might. */
    private static byte[] sealed(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("RAFTKVSN".getBytes(StandardCharsets.US_ASCII));
        new DataOutputStream(out).writeInt(1);
        out.write(body);
        CRC32C checksum = new CRC32C();
        checksum.update(out.toByteArray());
        new DataOutputStream(out).writeInt((int) checksum.getValue());
        return out.toByteArray();
    }

    private static byte[] record(int tag, String key, int valueLength) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + keyBytes.length + 4)
                .put((byte) tag).putInt(keyBytes.length).put(keyBytes).putInt(valueLength).array();
    }

    private static byte[] trailer(long recordCount) {
        return ByteBuffer.allocate(1 + 8).put((byte) 0).putLong(recordCount).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void recordsComeBackInTheOrderWritten() throws IOException {
        Entry[] entries = {
                new Entry(Keyspace.DATA, Bytes.utf8("a"), Bytes.utf8("1")),
                new Entry(Keyspace.DATA, Bytes.wrap(new byte[] {(byte) 0x80}), Bytes.EMPTY),
                new Entry(Keyspace.META, Bytes.EMPTY, Bytes.utf8("meta")),
        };

        assertThat(read(snapshot(entries))).containsExactly(entries);
    }

    @Test
    void fileStartsWithMagicAndVersionAndEndsWithTheChecksumOfTheRest() throws IOException {
        byte[] file = snapshot(new Entry(Keyspace.SESSIONS, Bytes.utf8("k"), Bytes.utf8("v")));
        CRC32C checksum = new CRC32C();
        checksum.update(file, 0, file.length - 4);

        assertThat(new String(file, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("RAFTKVSN");
        assertThat(ByteBuffer.wrap(file, 8, 4).getInt()).isEqualTo(1);
        assertThat(file[12]).isEqualTo((byte) Keyspace.SESSIONS.snapshotTag());
        assertThat(Integer.toUnsignedLong(ByteBuffer.wrap(file, file.length - 4, 4).getInt()))
                .isEqualTo(checksum.getValue());
    }

    @Test
    void summaryCountsRecordsPerKeyspace() throws IOException {
        byte[] file = snapshot(
                new Entry(Keyspace.DATA, Bytes.utf8("a"), Bytes.utf8("1")),
                new Entry(Keyspace.DATA, Bytes.utf8("b"), Bytes.utf8("2")),
                new Entry(Keyspace.RESULTS, Bytes.utf8("r"), Bytes.utf8("3")));

        SnapshotSummary summary = SnapshotFormat.summarize(new ByteArrayInputStream(file));

        assertThat(summary.checksumValid()).isTrue();
        assertThat(summary.formatVersion()).isEqualTo(1);
        assertThat(summary.recordCount()).isEqualTo(3);
        assertThat(summary.recordCounts()).containsEntry(Keyspace.DATA, 2L).containsEntry(Keyspace.RESULTS, 1L)
                .containsEntry(Keyspace.META, 0L);
    }

    @Test
    void summaryReportsAChecksumMismatchThatReadRefuses() throws IOException {
        byte[] file = snapshot(new Entry(Keyspace.DATA, Bytes.utf8("key"), Bytes.utf8("value")));
        file[file.length - 15] ^= 0x20;

        assertThat(SnapshotFormat.summarize(new ByteArrayInputStream(file)).checksumValid()).isFalse();
        assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotCorruptException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void everyTruncationIsRefused() throws IOException {
        byte[] file = snapshot(new Entry(Keyspace.DATA, Bytes.utf8("key"), Bytes.utf8("value")));

        for (int length = 0; length < file.length; length++) {
            byte[] truncated = Arrays.copyOf(file, length);
            assertThatThrownBy(() -> read(truncated)).as("cut to %d bytes", length)
                    .isInstanceOf(SnapshotCorruptException.class);
        }
    }

    @Test
    void everySingleBitFlipIsRefused() throws IOException {
        byte[] file = snapshot(new Entry(Keyspace.EXPIRY, Bytes.utf8("key"), Bytes.utf8("value")));

        for (int index = 0; index < file.length; index++) {
            byte[] damaged = file.clone();
            damaged[index] ^= 0x04;
            assertThatThrownBy(() -> read(damaged)).as("bit flipped in byte %d", index)
                    .isInstanceOf(SnapshotCorruptException.class);
        }
    }

    @Test
    void wrongMagicIsRefused() throws IOException {
        byte[] file = snapshot();
        file[0] = 'X';

        assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotCorruptException.class)
                .hasMessageContaining("not a raftkv snapshot");
    }

    @Test
    void unknownVersionIsRefused() throws IOException {
        byte[] file = snapshot();
        file[11] = 2;

        assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotCorruptException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void unknownKeyspaceTagIsRefusedEvenWithAValidChecksum() throws IOException {
        byte[] file = sealed(concat(record(Keyspace.values().length + 1, "k", 0), trailer(1)));

        assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotCorruptException.class)
                .hasMessageContaining("unknown key space tag");
    }

    @Test
    void oversizedLengthIsRefusedBeforeAllocating() throws IOException {
        byte[] file = sealed(concat(record(Keyspace.DATA.snapshotTag(), "k", SnapshotFormat.FIELD_BYTES_MAX + 1)));

        assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotCorruptException.class)
                .hasMessageContaining("impossible value length");
    }

    @Test
    void recordsOutOfOrderAreRefused() throws IOException {
        byte[] file = sealed(concat(record(Keyspace.DATA.snapshotTag(), "b", 0),
                record(Keyspace.DATA.snapshotTag(), "a", 0), trailer(2)));

        assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotCorruptException.class)
                .hasMessageContaining("out of order");
    }

    @Test
    void wrongRecordCountIsRefusedEvenWithAValidChecksum() throws IOException {
        byte[] file = sealed(concat(record(Keyspace.DATA.snapshotTag(), "a", 0), trailer(2)));

        assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotCorruptException.class)
                .hasMessageContaining("claims 2 records but holds 1");
    }

    @Test
    void bytesAfterTheChecksumAreRefused() throws IOException {
        byte[] file = concat(snapshot(), new byte[] {0});

        assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotCorruptException.class)
                .hasMessageContaining("after its checksum");
    }

    @Test
    void writerRefusesRecordsOutOfOrder() throws IOException {
        SnapshotWriter writer = SnapshotFormat.writer(new ByteArrayOutputStream());
        writer.write(Keyspace.SESSIONS, Bytes.utf8("b"), Bytes.EMPTY);

        assertThatThrownBy(() -> writer.write(Keyspace.SESSIONS, Bytes.utf8("b"), Bytes.EMPTY))
                .isInstanceOf(Invariants.InvariantViolation.class);
        assertThatThrownBy(() -> writer.write(Keyspace.DATA, Bytes.utf8("c"), Bytes.EMPTY))
                .isInstanceOf(Invariants.InvariantViolation.class);
    }
}
