package io.raftkv.storage;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.storage.memory.MemoryStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link StorageEngine} must do. Each engine's test extends this and says how to make a fresh, empty
 * engine; other modules can run it against their own engines through the test jar.
 */
public abstract class StorageEngineContract {
    /** Enough to hit every key of the small random alphabet many times, few enough to run in well under a second. */
    private static final int RANDOM_TRANSACTION_COUNT = 300;

    private final List<StorageEngine> engines = new ArrayList<>();

    /** A fresh, empty engine, independent of every other one this test made. */
    protected abstract StorageEngine createEngine() throws IOException;

    /** Makes an engine that is closed after the test. */
    protected final StorageEngine newEngine() throws IOException {
        StorageEngine engine = createEngine();
        engines.add(engine);
        return engine;
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(StorageEngine::close);
    }

    protected static Bytes bytes(String text) {
        return Bytes.utf8(text);
    }

    protected static Bytes bytes(int... values) {
        byte[] data = new byte[values.length];
        for (int index = 0; index < values.length; index++) {
            data[index] = (byte) values[index];
        }
        return Bytes.wrap(data);
    }

    protected static void commitPut(StorageEngine engine, Keyspace keyspace, Bytes key, Bytes value) {
        try (StorageTransaction transaction = engine.begin()) {
            transaction.put(keyspace, key, value);
            transaction.commit();
        }
    }

    protected static Map<Bytes, Bytes> scanAll(ReadView view, Keyspace keyspace) {
        return scanRange(view, keyspace, Bytes.EMPTY, Optional.empty());
    }

    protected static Map<Bytes, Bytes> scanRange(ReadView view, Keyspace keyspace, Bytes start, Optional<Bytes> end) {
        Map<Bytes, Bytes> entries = new LinkedHashMap<>();
        view.scan(keyspace, start, end, (key, value) -> {
            entries.put(key, value);
            return true;
        });
        return entries;
    }

    protected static byte[] snapshotOf(StorageEngine engine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.writeSnapshot(out);
        return out.toByteArray();
    }

    @Test
    void getReturnsCommittedValueOnlyInItsOwnKeyspace() throws IOException {
        StorageEngine engine = newEngine();
        commitPut(engine, Keyspace.DATA, bytes("k"), bytes("data"));
        commitPut(engine, Keyspace.META, bytes("k"), bytes("meta"));

        assertThat(engine.get(Keyspace.DATA, bytes("k"))).contains(bytes("data"));
        assertThat(engine.get(Keyspace.META, bytes("k"))).contains(bytes("meta"));
        assertThat(engine.get(Keyspace.SESSIONS, bytes("k"))).isEmpty();
        assertThat(engine.get(Keyspace.DATA, bytes("other"))).isEmpty();
    }

    @Test
    void putOverwritesAndDeleteRemovesOnlyTheGivenKeyspace() throws IOException {
        StorageEngine engine = newEngine();
        commitPut(engine, Keyspace.DATA, bytes("k"), bytes("first"));
        commitPut(engine, Keyspace.RESULTS, bytes("k"), bytes("result"));
        commitPut(engine, Keyspace.DATA, bytes("k"), bytes("second"));
        assertThat(engine.get(Keyspace.DATA, bytes("k"))).contains(bytes("second"));

        try (StorageTransaction transaction = engine.begin()) {
            transaction.delete(Keyspace.DATA, bytes("k"));
            transaction.commit();
        }

        assertThat(engine.get(Keyspace.DATA, bytes("k"))).isEmpty();
        assertThat(engine.get(Keyspace.RESULTS, bytes("k"))).contains(bytes("result"));
    }

    @Test
    void emptyKeysAndEmptyValuesAreStored() throws IOException {
        StorageEngine engine = newEngine();
        commitPut(engine, Keyspace.META, Bytes.EMPTY, Bytes.EMPTY);

        assertThat(engine.get(Keyspace.META, Bytes.EMPTY)).contains(Bytes.EMPTY);
        assertThat(scanAll(engine, Keyspace.META)).containsExactly(Map.entry(Bytes.EMPTY, Bytes.EMPTY));
    }

    @Test
    void scanVisitsKeysInUnsignedByteOrder() throws IOException {
        StorageEngine engine = newEngine();
        try (StorageTransaction transaction = engine.begin()) {
            for (int first : new int[] {0xff, 0x80, 0x00, 0x7f}) {
                transaction.put(Keyspace.DATA, bytes(first), bytes(first, first));
            }
            transaction.put(Keyspace.DATA, bytes(0x7f, 0x00), bytes("longer"));
            transaction.commit();
        }

        assertThat(scanAll(engine, Keyspace.DATA).keySet())
                .containsExactly(bytes(0x00), bytes(0x7f), bytes(0x7f, 0x00), bytes(0x80), bytes(0xff));
        assertThat(scanAll(engine, Keyspace.DATA).get(bytes(0x80))).isEqualTo(bytes(0x80, 0x80));
    }

    @Test
    void scanIncludesStartAndExcludesEnd() throws IOException {
        StorageEngine engine = newEngine();
        try (StorageTransaction transaction = engine.begin()) {
            for (String key : List.of("a", "b", "c", "d")) {
                transaction.put(Keyspace.DATA, bytes(key), bytes(key));
            }
            transaction.put(Keyspace.EXPIRY, bytes("b2"), bytes("other keyspace"));
            transaction.commit();
        }

        assertThat(scanRange(engine, Keyspace.DATA, bytes("b"), Optional.of(bytes("d"))).keySet())
                .containsExactly(bytes("b"), bytes("c"));
        assertThat(scanRange(engine, Keyspace.DATA, bytes("bb"), Optional.empty()).keySet())
                .containsExactly(bytes("c"), bytes("d"));
        assertThat(scanRange(engine, Keyspace.DATA, bytes("c"), Optional.of(bytes("c")))).isEmpty();
        assertThat(scanRange(engine, Keyspace.DATA, bytes("d"), Optional.of(bytes("a")))).isEmpty();
    }

    @Test
    void scanStopsWhenTheVisitorSaysSo() throws IOException {
        StorageEngine engine = newEngine();
        try (StorageTransaction transaction = engine.begin()) {
            for (String key : List.of("a", "b", "c", "d")) {
                transaction.put(Keyspace.DATA, bytes(key), bytes(key));
            }
            transaction.commit();
        }
        List<Bytes> visited = new ArrayList<>();

        engine.scan(Keyspace.DATA, Bytes.EMPTY, Optional.empty(), (key, value) -> {
            visited.add(key);
            return visited.size() < 2;
        });

        assertThat(visited).containsExactly(bytes("a"), bytes("b"));
    }

    @Test
    void transactionReadsItsOwnWrites() throws IOException {
        StorageEngine engine = newEngine();
        commitPut(engine, Keyspace.DATA, bytes("committed"), bytes("old"));
        commitPut(engine, Keyspace.DATA, bytes("deleted"), bytes("old"));

        try (StorageTransaction transaction = engine.begin()) {
            transaction.put(Keyspace.DATA, bytes("committed"), bytes("new"));
            transaction.put(Keyspace.DATA, bytes("added"), bytes("new"));
            transaction.delete(Keyspace.DATA, bytes("deleted"));

            assertThat(transaction.get(Keyspace.DATA, bytes("committed"))).contains(bytes("new"));
            assertThat(transaction.get(Keyspace.DATA, bytes("added"))).contains(bytes("new"));
            assertThat(transaction.get(Keyspace.DATA, bytes("deleted"))).isEmpty();
            assertThat(transaction.get(Keyspace.META, bytes("added"))).isEmpty();
        }
    }

    @Test
    void transactionScanMergesPendingWritesInOrderAndSkipsTombstones() throws IOException {
        StorageEngine engine = newEngine();
        try (StorageTransaction transaction = engine.begin()) {
            for (String key : List.of("b", "d", "f", "h")) {
                transaction.put(Keyspace.DATA, bytes(key), bytes("committed " + key));
            }
            transaction.commit();
        }

        try (StorageTransaction transaction = engine.begin()) {
            transaction.put(Keyspace.DATA, bytes("a"), bytes("pending a"));
            transaction.put(Keyspace.DATA, bytes("d"), bytes("pending d"));
            transaction.delete(Keyspace.DATA, bytes("f"));
            transaction.delete(Keyspace.DATA, bytes("g"));
            transaction.put(Keyspace.DATA, bytes("i"), bytes("pending i"));
            transaction.put(Keyspace.META, bytes("c"), bytes("other keyspace"));

            assertThat(scanAll(transaction, Keyspace.DATA)).containsExactly(
                    Map.entry(bytes("a"), bytes("pending a")),
                    Map.entry(bytes("b"), bytes("committed b")),
                    Map.entry(bytes("d"), bytes("pending d")),
                    Map.entry(bytes("h"), bytes("committed h")),
                    Map.entry(bytes("i"), bytes("pending i")));
            assertThat(scanRange(transaction, Keyspace.DATA, bytes("b"), Optional.of(bytes("i"))).keySet())
                    .containsExactly(bytes("b"), bytes("d"), bytes("h"));
        }
    }

    @Test
    void transactionScanStopsWhenTheVisitorSaysSo() throws IOException {
        StorageEngine engine = newEngine();
        commitPut(engine, Keyspace.DATA, bytes("b"), bytes("b"));
        try (StorageTransaction transaction = engine.begin()) {
            transaction.put(Keyspace.DATA, bytes("a"), bytes("a"));
            transaction.put(Keyspace.DATA, bytes("c"), bytes("c"));
            List<Bytes> visited = new ArrayList<>();

            transaction.scan(Keyspace.DATA, Bytes.EMPTY, Optional.empty(), (key, value) -> visited.add(key)
                    && visited.size() < 2);

            assertThat(visited).containsExactly(bytes("a"), bytes("b"));
        }
    }

    @Test
    void uncommittedWritesAreInvisibleToEngineReads() throws IOException {
        StorageEngine engine = newEngine();
        commitPut(engine, Keyspace.DATA, bytes("k"), bytes("committed"));

        try (StorageTransaction transaction = engine.begin()) {
            transaction.put(Keyspace.DATA, bytes("k"), bytes("pending"));
            transaction.put(Keyspace.DATA, bytes("new"), bytes("pending"));

            assertThat(engine.get(Keyspace.DATA, bytes("k"))).contains(bytes("committed"));
            assertThat(engine.get(Keyspace.DATA, bytes("new"))).isEmpty();
            assertThat(scanAll(engine, Keyspace.DATA)).containsExactly(Map.entry(bytes("k"), bytes("committed")));
            transaction.commit();
        }

        assertThat(engine.get(Keyspace.DATA, bytes("k"))).contains(bytes("pending"));
        assertThat(engine.get(Keyspace.DATA, bytes("new"))).contains(bytes("pending"));
    }

    @Test
    void closingWithoutCommitDiscardsWrites() throws IOException {
        StorageEngine engine = newEngine();
        commitPut(engine, Keyspace.DATA, bytes("k"), bytes("committed"));

        try (StorageTransaction transaction = engine.begin()) {
            transaction.put(Keyspace.DATA, bytes("k"), bytes("discarded"));
            transaction.delete(Keyspace.DATA, bytes("k"));
            transaction.put(Keyspace.SESSIONS, bytes("s"), bytes("discarded"));
        }

        assertThat(engine.get(Keyspace.DATA, bytes("k"))).contains(bytes("committed"));
        assertThat(engine.get(Keyspace.SESSIONS, bytes("s"))).isEmpty();
        try (StorageTransaction next = engine.begin()) {
            assertThat(next.get(Keyspace.SESSIONS, bytes("s"))).isEmpty();
        }
    }

    @Test
    void onlyOneTransactionMayBeOpenAtATime() throws IOException {
        StorageEngine engine = newEngine();
        try (StorageTransaction transaction = engine.begin()) {
            transaction.put(Keyspace.DATA, bytes("k"), bytes("discarded"));
            assertThatThrownBy(engine::begin).isInstanceOf(Invariants.InvariantViolation.class);
        }
        try (StorageTransaction afterClose = engine.begin()) {
            assertThat(afterClose.get(Keyspace.DATA, bytes("k"))).isEmpty();
        }
    }

    @Test
    void consistentViewIsUnaffectedByLaterCommits() throws IOException {
        StorageEngine engine = newEngine();
        commitPut(engine, Keyspace.DATA, bytes("a"), bytes("before"));
        commitPut(engine, Keyspace.DATA, bytes("b"), bytes("before"));

        try (ConsistentView view = engine.openView()) {
            try (StorageTransaction transaction = engine.begin()) {
                transaction.put(Keyspace.DATA, bytes("a"), bytes("after"));
                transaction.delete(Keyspace.DATA, bytes("b"));
                transaction.put(Keyspace.DATA, bytes("c"), bytes("after"));
                transaction.put(Keyspace.META, bytes("m"), bytes("after"));
                transaction.commit();
            }

            assertThat(view.get(Keyspace.DATA, bytes("a"))).contains(bytes("before"));
            assertThat(view.get(Keyspace.DATA, bytes("b"))).contains(bytes("before"));
            assertThat(view.get(Keyspace.META, bytes("m"))).isEmpty();
            assertThat(scanAll(view, Keyspace.DATA)).containsExactly(
                    Map.entry(bytes("a"), bytes("before")), Map.entry(bytes("b"), bytes("before")));
            assertThat(scanAll(engine, Keyspace.DATA)).containsExactly(
                    Map.entry(bytes("a"), bytes("after")), Map.entry(bytes("c"), bytes("after")));
        }
    }

    @Test
    void commitsAfterAViewClosesStillApply() throws IOException {
        StorageEngine engine = newEngine();
        commitPut(engine, Keyspace.DATA, bytes("a"), bytes("1"));
        engine.openView().close();
        commitPut(engine, Keyspace.DATA, bytes("a"), bytes("2"));
        try (ConsistentView view = engine.openView()) {
            commitPut(engine, Keyspace.DATA, bytes("a"), bytes("3"));
            commitPut(engine, Keyspace.DATA, bytes("a"), bytes("4"));
            assertThat(view.get(Keyspace.DATA, bytes("a"))).contains(bytes("2"));
        }
        assertThat(engine.get(Keyspace.DATA, bytes("a"))).contains(bytes("4"));
    }

    @Test
    void snapshotRoundTripCopiesEveryKeyspace() throws IOException {
        StorageEngine source = newEngine();
        try (StorageTransaction transaction = source.begin()) {
            for (Keyspace keyspace : Keyspace.values()) {
                transaction.put(keyspace, bytes(0x00), bytes(keyspace.name() + " low"));
                transaction.put(keyspace, bytes(0xff, 0x01), bytes(keyspace.name() + " high"));
            }
            transaction.commit();
        }
        byte[] snapshot = snapshotOf(source);
        StorageEngine target = newEngine();

        target.restoreSnapshot(new ByteArrayInputStream(snapshot));

        for (Keyspace keyspace : Keyspace.values()) {
            assertThat(scanAll(target, keyspace)).isEqualTo(scanAll(source, keyspace)).hasSize(2);
        }
        assertThat(snapshotOf(target)).isEqualTo(snapshot);
        SnapshotSummary summary = SnapshotFormat.summarize(new ByteArrayInputStream(snapshot));
        assertThat(summary.checksumValid()).isTrue();
        assertThat(summary.recordCount()).isEqualTo(2L * Keyspace.values().length);
        assertThat(summary.recordCounts()).containsEntry(Keyspace.SESSIONS, 2L);
    }

    @Test
    void restoreReplacesTheWholeContents() throws IOException {
        StorageEngine source = newEngine();
        commitPut(source, Keyspace.DATA, bytes("kept"), bytes("from snapshot"));
        StorageEngine target = newEngine();
        commitPut(target, Keyspace.DATA, bytes("kept"), bytes("old"));
        commitPut(target, Keyspace.DATA, bytes("gone"), bytes("old"));
        commitPut(target, Keyspace.META, bytes("gone"), bytes("old"));

        target.restoreSnapshot(new ByteArrayInputStream(snapshotOf(source)));

        assertThat(scanAll(target, Keyspace.DATA)).containsExactly(Map.entry(bytes("kept"), bytes("from snapshot")));
        assertThat(scanAll(target, Keyspace.META)).isEmpty();
        commitPut(target, Keyspace.DATA, bytes("later"), bytes("write after restore"));
        assertThat(target.get(Keyspace.DATA, bytes("later"))).contains(bytes("write after restore"));
    }

    @Test
    void corruptSnapshotIsRefusedAndChangesNothing() throws IOException {
        StorageEngine source = newEngine();
        commitPut(source, Keyspace.DATA, bytes("key"), bytes("value from the snapshot"));
        byte[] snapshot = snapshotOf(source);
        StorageEngine target = newEngine();
        commitPut(target, Keyspace.DATA, bytes("existing"), bytes("unchanged"));
        byte[] before = snapshotOf(target);
        // A byte inside the value: only the checksum can catch it.
        byte[] corrupt = snapshot.clone();
        int valueByte = snapshot.length - 4 - 8 - 1 - 3;
        corrupt[valueByte] ^= 0x01;

        assertThatThrownBy(() -> target.restoreSnapshot(new ByteArrayInputStream(corrupt)))
                .isInstanceOf(SnapshotCorruptException.class)
                .hasMessageContaining("checksum");

        assertThat(snapshotOf(target)).isEqualTo(before);
    }

    @Test
    void truncatedSnapshotIsRefusedAndChangesNothing() throws IOException {
        StorageEngine source = newEngine();
        commitPut(source, Keyspace.DATA, bytes("a"), bytes("1"));
        commitPut(source, Keyspace.DATA, bytes("b"), bytes("2"));
        byte[] snapshot = snapshotOf(source);
        StorageEngine target = newEngine();
        commitPut(target, Keyspace.DATA, bytes("existing"), bytes("unchanged"));
        byte[] before = snapshotOf(target);

        for (int length : new int[] {0, 5, snapshot.length / 2, snapshot.length - 1}) {
            byte[] truncated = Arrays.copyOf(snapshot, length);
            assertThatThrownBy(() -> target.restoreSnapshot(new ByteArrayInputStream(truncated)))
                    .as("snapshot cut to %d of %d bytes", length, snapshot.length)
                    .isInstanceOf(SnapshotCorruptException.class);
        }

        assertThat(snapshotOf(target)).isEqualTo(before);
    }

    @Test
    void emptyEngineSnapshotRestoresToEmpty() throws IOException {
        StorageEngine target = newEngine();
        commitPut(target, Keyspace.DATA, bytes("old"), bytes("old"));

        target.restoreSnapshot(new ByteArrayInputStream(snapshotOf(newEngine())));

        for (Keyspace keyspace : Keyspace.values()) {
            assertThat(scanAll(target, keyspace)).isEmpty();
        }
    }

    @Test
    void approximateSizeGrowsWithData() throws IOException {
        StorageEngine engine = newEngine();
        long empty = engine.approximateSizeBytes();
        try (StorageTransaction transaction = engine.begin()) {
            for (int index = 0; index < 1_000; index++) {
                transaction.put(Keyspace.DATA, bytes("key " + index), Bytes.wrap(new byte[100]));
            }
            transaction.commit();
        }
        engine.sync();

        assertThat(engine.approximateSizeBytes()).isGreaterThan(empty);
        assertThat(engine.kind()).isNotBlank();
    }

    @Test
    void randomTransactionsLeaveTheSameSnapshotAsTheModelAndTheMemoryEngine() throws IOException {
        long seed = System.nanoTime();
        System.out.println("randomTransactionsLeaveTheSameSnapshotAsTheModelAndTheMemoryEngine seed " + seed);
        RandomOperations operations = new RandomOperations(seed);
        StorageEngine engine = newEngine();
        StorageEngine reference = MemoryStorage.create();
        engines.add(reference);

        for (int transaction = 0; transaction < RANDOM_TRANSACTION_COUNT; transaction++) {
            operations.runTransaction(engine, reference);
        }

        byte[] expected = operations.modelSnapshot();
        assertThat(snapshotOf(engine)).as("seed %d", seed).isEqualTo(expected);
        assertThat(snapshotOf(reference)).as("seed %d", seed).isEqualTo(expected);
    }
}
