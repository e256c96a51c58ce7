package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.codec.BinaryWriter;
import io.raftkv.core.codec.CodecException;
import io.raftkv.core.query.QueryResult.Found;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.StorageTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.raftkv.statemachine.CacheRequests.invalidate;
import static io.raftkv.statemachine.Requests.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredRecordTest extends EngineTest {
    private static final KeyMetadata METADATA = new KeyMetadata(-5, 2, 3, 4, 5_000);

    @Test
    void everyCombinationOfMarksSurvivesEncoding() {
        for (CacheMarks marks : List.of(CacheMarks.NONE, new CacheMarks(true, false), new CacheMarks(false, true),
                new CacheMarks(true, true))) {
            StoredRecord record = new StoredRecord(METADATA, bytes("value"), marks);

            assertThat(StoredRecord.decode(record.encode())).isEqualTo(record);
        }
    }

    @Test
    void theCurrentFormatIsPinned() {
        StoredRecord record = new StoredRecord(new KeyMetadata(1, 2, 3, 4, 5), bytes("v"), new CacheMarks(true, true));

        assertThat(HexFormat.of().formatHex(record.encode().unsafeArray())).isEqualTo("02" + "00000001"
                + "0000000000000002" + "0000000000000003" + "0000000000000004" + "0000000000000005" + "03" + "76");
        assertThat(record.encode().length()).isEqualTo(StoredRecord.HEADER_BYTES + 1);
    }

    @Test
    void aFormatOneRecordDecodesWithoutMarks() {
        Bytes formatOne = formatOneRecord(METADATA, bytes("old value"));

        assertThat(StoredRecord.decode(formatOne)).isEqualTo(new StoredRecord(METADATA, bytes("old value"),
                CacheMarks.NONE));
        assertThat(StoredRecord.decodeMetadata(formatOne)).isEqualTo(METADATA);
    }

    @Test
    void anEmptyValueDecodesInBothFormats() {
        assertThat(StoredRecord.decode(formatOneRecord(METADATA, Bytes.EMPTY)).value()).isEqualTo(Bytes.EMPTY);
        assertThat(StoredRecord.decode(new StoredRecord(METADATA, Bytes.EMPTY).encode()).value())
                .isEqualTo(Bytes.EMPTY);
    }

    @Test
    void anUnknownFormatOrUnknownMarkBitsAreRefused() {
        byte[] encoded = new StoredRecord(METADATA, bytes("v")).encode().toByteArray();
        byte[] unknownFormat = encoded.clone();
        unknownFormat[0] = 3;
        byte[] unknownMarks = encoded.clone();
        unknownMarks[StoredRecord.HEADER_BYTES - 1] = (byte) 0x80;

        assertThatThrownBy(() -> StoredRecord.decode(Bytes.wrap(unknownFormat))).isInstanceOf(CodecException.class)
                .hasMessageContaining("format 3");
        assertThatThrownBy(() -> StoredRecord.decodeMetadata(Bytes.wrap(unknownFormat)))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> StoredRecord.decode(Bytes.wrap(unknownMarks))).isInstanceOf(CodecException.class)
                .hasMessageContaining("mark bits");
        assertThatThrownBy(() -> StoredRecord.decode(Bytes.wrap(Arrays.copyOf(encoded, 10))))
                .isInstanceOf(CodecException.class);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aFormatOneRecordInStorageIsReadAndRewrittenInTheCurrentFormat(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, Requests.put("clock", "tick"));
        KeyMetadata metadata = new KeyMetadata(0, 1, 1, 1, 0);
        try (StorageTransaction transaction = driver.machine().storage().begin()) {
            transaction.put(Keyspace.DATA, bytes("old"), formatOneRecord(metadata, bytes("kept")));
            transaction.commit();
        }

        boolean readable = driver.get("old") instanceof Found found && found.keyValue().value().equals(bytes("kept"));
        driver.apply(1_000, invalidate("old"));

        assertThat(readable).isTrue();
        Bytes rewritten = driver.machine().storage().get(Keyspace.DATA, bytes("old")).orElseThrow();
        assertThat(rewritten.byteAt(0)).isEqualTo((byte) StoredRecord.FORMAT);
        assertThat(StoredRecord.decode(rewritten).marks()).isEqualTo(new CacheMarks(true, false));
        assertThat(StoredRecord.decode(rewritten).value()).isEqualTo(bytes("kept"));
    }

    /** The layout this code wrote before records had marks: {@code [1][metadata][value]}. */
    private static Bytes formatOneRecord(KeyMetadata metadata, Bytes value) {
        byte[] header = new BinaryWriter(64).writeByte(StoredRecord.FORMAT_WITHOUT_MARKS).writeMetadata(metadata)
                .toByteArray();
        return Bytes.wrap(header).concat(value);
    }
}
