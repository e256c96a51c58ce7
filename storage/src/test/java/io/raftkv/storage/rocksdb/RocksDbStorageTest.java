package io.raftkv.storage.rocksdb;

import io.raftkv.storage.Keyspace;
import io.raftkv.storage.SnapshotCorruptException;
import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.StorageEngineContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.ByteBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RocksDbStorageTest extends StorageEngineContract {
    /** Enough commits that the kill lands in the middle of steady writing, not during start-up. */
    private static final int CHILD_COMMITS_SEEN_MIN = 300;
    private static final long CHILD_EXIT_WAIT_SECONDS_MAX = 30;

    @TempDir
    Path temporaryDirectory;
    private int engineCount;

    @Override
    protected StorageEngine createEngine() {
        engineCount++;
        return RocksDbStorage.open(temporaryDirectory.resolve("engine-" + engineCount));
    }

    private Path live() {
        return temporaryDirectory.resolve("live");
    }

    private Path sibling(String suffix) {
        return temporaryDirectory.resolve("live" + suffix);
    }

    @Test
    void committedDataSurvivesCloseAndReopen() {
        try (RocksDbStorage engine = RocksDbStorage.open(live())) {
            commitPut(engine, Keyspace.DATA, bytes("k"), bytes("v"));
            commitPut(engine, Keyspace.RESULTS, bytes(0xff), bytes("r"));
            engine.sync();
        }

        try (RocksDbStorage reopened = RocksDbStorage.open(live())) {
            assertThat(reopened.get(Keyspace.DATA, bytes("k"))).contains(bytes("v"));
            assertThat(reopened.get(Keyspace.RESULTS, bytes(0xff))).contains(bytes("r"));
        }
    }

    @Test
    void restoredDataSurvivesReopenAndLeavesNoSiblingDirectories() throws IOException {
        StorageEngine source = newEngine();
        commitPut(source, Keyspace.SESSIONS, bytes("s"), bytes("restored"));
        byte[] snapshot = snapshotOf(source);
        try (RocksDbStorage engine = RocksDbStorage.open(live())) {
            commitPut(engine, Keyspace.DATA, bytes("k"), bytes("replaced"));
            engine.restoreSnapshot(new ByteArrayInputStream(snapshot));
        }

        assertThat(sibling(".restoring")).doesNotExist();
        assertThat(sibling(".old")).doesNotExist();
        try (RocksDbStorage reopened = RocksDbStorage.open(live())) {
            assertThat(reopened.get(Keyspace.SESSIONS, bytes("s"))).contains(bytes("restored"));
            assertThat(reopened.get(Keyspace.DATA, bytes("k"))).isEmpty();
        }
    }

    @Test
    void refusedRestoreDeletesItsHalfBuiltDirectory() throws IOException {
        StorageEngine source = newEngine();
        commitPut(source, Keyspace.DATA, bytes("k"), bytes("v"));
        byte[] corrupt = snapshotOf(source);
        corrupt[corrupt.length - 1] ^= 0x01;
        try (RocksDbStorage engine = RocksDbStorage.open(live())) {
            assertThatThrownBy(() -> engine.restoreSnapshot(new ByteArrayInputStream(corrupt)))
                    .isInstanceOf(SnapshotCorruptException.class);
        }

        assertThat(sibling(".restoring")).doesNotExist();
    }

    @Test
    void openDeletesARestoreThatACrashLeftHalfBuilt() throws IOException {
        try (RocksDbStorage engine = RocksDbStorage.open(live())) {
            commitPut(engine, Keyspace.DATA, bytes("k"), bytes("live"));
        }
        try (RocksDbStorage halfBuilt = RocksDbStorage.open(sibling(".restoring"))) {
            commitPut(halfBuilt, Keyspace.DATA, bytes("k"), bytes("half built"));
        }

        try (RocksDbStorage reopened = RocksDbStorage.open(live())) {
            assertThat(reopened.get(Keyspace.DATA, bytes("k"))).contains(bytes("live"));
        }
        assertThat(sibling(".restoring")).doesNotExist();
    }

    @Test
    void openPutsTheOldDatabaseBackWhenACrashCameBetweenTheRenames() throws IOException {
        try (RocksDbStorage engine = RocksDbStorage.open(live())) {
            commitPut(engine, Keyspace.DATA, bytes("k"), bytes("old"));
        }
        try (RocksDbStorage restored = RocksDbStorage.open(sibling(".restoring"))) {
            commitPut(restored, Keyspace.DATA, bytes("k"), bytes("restored"));
        }
        Files.move(live(), sibling(".old"));

        try (RocksDbStorage reopened = RocksDbStorage.open(live())) {
            assertThat(reopened.get(Keyspace.DATA, bytes("k"))).contains(bytes("old"));
        }
        assertThat(sibling(".old")).doesNotExist();
        assertThat(sibling(".restoring")).doesNotExist();
    }

    @Test
    void openDeletesTheOldDatabaseWhenACrashCameAfterTheSwap() {
        try (RocksDbStorage old = RocksDbStorage.open(sibling(".old"))) {
            commitPut(old, Keyspace.DATA, bytes("k"), bytes("old"));
        }
        try (RocksDbStorage engine = RocksDbStorage.open(live())) {
            commitPut(engine, Keyspace.DATA, bytes("k"), bytes("restored"));
        }

        try (RocksDbStorage reopened = RocksDbStorage.open(live())) {
            assertThat(reopened.get(Keyspace.DATA, bytes("k"))).contains(bytes("restored"));
        }
        assertThat(sibling(".old")).doesNotExist();
    }

    @Test
    void everyCommitAProcessReportedSurvivesSigkill() throws IOException, InterruptedException {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), CommitLoopChild.class.getName(), live().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long lastSeen = -1;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lastSeen = Long.parseLong(line);
                if (lastSeen + 1 >= CHILD_COMMITS_SEEN_MIN) {
                    break;
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(CHILD_EXIT_WAIT_SECONDS_MAX, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(lastSeen + 1).as("commits the child reported before the kill").isEqualTo(CHILD_COMMITS_SEEN_MIN);

        try (RocksDbStorage reopened = RocksDbStorage.open(live())) {
            for (long number = 0; number <= lastSeen; number++) {
                assertThat(reopened.get(Keyspace.DATA, CommitLoopChild.key(number)))
                        .as("commit %d", number).contains(CommitLoopChild.key(number));
            }
            long lastDurable = ByteBuffer.wrap(
                    reopened.get(Keyspace.META, bytes("last")).orElseThrow().toByteArray()).getLong();
            assertThat(lastDurable).isGreaterThanOrEqualTo(lastSeen);
        }
    }
}
