package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants.InvariantViolation;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.codec.CodecException;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result.Written;
import io.raftkv.core.query.Get;
import io.raftkv.core.query.QueryResult.Found;
import io.raftkv.core.query.QueryResult.Missing;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.StorageException;
import io.raftkv.storage.StorageTransaction;
import io.raftkv.storage.rocksdb.RocksDbStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.raftkv.statemachine.Requests.bytes;
import static io.raftkv.statemachine.Requests.put;
import static io.raftkv.statemachine.Requests.putWithTtl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PositionTest extends EngineTest {

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void freshStoreStartsAtTheBeginning(EngineKind kind) {
        KvStateMachine machine = new KvStateMachine(open(kind), KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);

        assertThat(List.of(machine.appliedIndex(), machine.appliedTerm(), machine.revision(),
                machine.clusterTimeMillis())).containsOnly(0L);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void restartResumesAtAppliedIndex(EngineKind kind) {
        StorageEngine storage = open(kind);
        KvStateMachine first = new KvStateMachine(storage, KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
        first.apply(3, 2, entry(5_000, put("a", "1")));
        first.apply(7, 4, entry(6_000, put("b", "1")));

        KvStateMachine restarted = new KvStateMachine(storage, KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);

        assertThat(List.of(restarted.appliedIndex(), restarted.appliedTerm(), restarted.revision(),
                restarted.clusterTimeMillis())).containsExactly(7L, 4L, 2L, 6_000L);
        assertThat(restarted.apply(8, 4, entry(1_000, put("a", "2"))))
                .containsExactly(new Written(new KeyMetadata(0, 2, 1, 3, 0)));
        assertThat(restarted.clusterTimeMillis()).isEqualTo(6_000);
    }

    @Test
    void reopenedRocksDbResumesWhereTheLastCommitLeft() {
        Path rocksDbDirectory = directory.resolve("reopened");
        try (StorageEngine storage = RocksDbStorage.open(rocksDbDirectory)) {
            KvStateMachine machine = new KvStateMachine(storage, KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
            machine.apply(1, 1, entry(5_000, putWithTtl("a", "1", 1_000)));
            machine.apply(2, 1, entry(5_500, put("b", "1")));
        }

        try (StorageEngine storage = RocksDbStorage.open(rocksDbDirectory)) {
            KvStateMachine reopened = new KvStateMachine(storage, KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);

            assertThat(List.of(reopened.appliedIndex(), reopened.revision(), reopened.clusterTimeMillis()))
                    .containsExactly(2L, 2L, 5_500L);
            assertThat(reopened.expiredKeys(6_000, 10)).containsExactly(bytes("a"));
            assertThat(reopened.query(new Get(bytes("b")))).isInstanceOf(Found.class);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void entryAtOrBeforeAppliedIndexIsRefusedAndChangesNothing(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));
        List<StoreContents.Entry> before = StoreContents.all(driver.machine().storage());

        assertThatThrownBy(() -> driver.machine().apply(1, 1, entry(2_000, put("a", "2"))))
                .isInstanceOf(InvariantViolation.class);
        assertThat(StoreContents.all(driver.machine().storage())).isEqualTo(before);
        assertThat(driver.machine().appliedIndex()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void termGoingBackwardsIsRefused(EngineKind kind) {
        KvStateMachine machine = new KvStateMachine(open(kind), KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
        machine.apply(1, 5, entry(1_000, put("a", "1")));

        assertThatThrownBy(() -> machine.apply(2, 4, entry(1_000, put("a", "2"))))
                .isInstanceOf(InvariantViolation.class);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void reloadAdoptsRestoredSnapshot(EngineKind kind) throws IOException {
        MachineDriver source = driver(kind);
        source.apply(1_000, put("a", "1"));
        source.apply(2_000, put("b", "1"));
        MachineDriver target = driver(kind);
        target.apply(500, put("c", "1"));

        target.machine().storage().restoreSnapshot(new ByteArrayInputStream(source.snapshot()));
        target.machine().reload();

        assertThat(target.machine().appliedIndex()).isEqualTo(2);
        assertThat(target.machine().revision()).isEqualTo(2);
        assertThat(target.machine().clusterTimeMillis()).isEqualTo(2_000);
        assertThat(target.get("c")).isEqualTo(new Missing(2));
        assertThat(target.get("b")).isInstanceOf(Found.class);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void metaWithPartOfThePositionIsRefused(EngineKind kind) {
        StorageEngine storage = open(kind);
        write(storage, Keyspace.META, MetaKeys.APPLIED_INDEX, MetaKeys.encodeLong(5));

        assertThatThrownBy(() -> new KvStateMachine(storage, KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT))
                .isInstanceOf(StorageException.class);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void metaValueOfWrongLengthIsRefused(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));
        write(driver.machine().storage(), Keyspace.META, MetaKeys.REVISION, bytes("12"));

        assertThatThrownBy(() -> driver.machine().reload()).isInstanceOf(CodecException.class);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void undecodableRecordStopsApplyAndChangesNothing(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("z", "1"));
        write(driver.machine().storage(), Keyspace.DATA, bytes("a"), bytes("garbage"));
        List<StoreContents.Entry> before = StoreContents.all(driver.machine().storage());

        assertThatThrownBy(() -> driver.apply(2_000, Request.of(put("z", "2")), Request.of(put("a", "2"))))
                .isInstanceOf(CodecException.class);
        assertThat(StoreContents.all(driver.machine().storage())).isEqualTo(before);
        assertThat(driver.machine().appliedIndex()).isEqualTo(1);
    }

    private static LogEntry entry(long leaderTimeMillis, Command<?>... commands) {
        return new LogEntry(leaderTimeMillis, List.of(commands).stream().map(Request::of).toList());
    }

    private static void write(StorageEngine storage, Keyspace keyspace, Bytes key, Bytes value) {
        try (StorageTransaction transaction = storage.begin()) {
            transaction.put(keyspace, key, value);
            transaction.commit();
        }
    }
}
