package io.raftkv.statemachine;

import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Result;
import io.raftkv.storage.StorageEngine;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas must agree byte for byte: the same log applied on any engine, or applied again from scratch, gives the same
 * results and the same snapshot. To replay a failure, run with the printed seed in {@code @Property(seed = ...)} or
 * call {@link RandomHistory#generate} with it.
 */
class DeterminismTest {
    private static final int ENTRY_COUNT = 150;

    @Property(tries = 8)
    void everyEngineReachesTheSameBytes(@ForAll long seed) throws IOException {
        System.out.println("DeterminismTest.everyEngineReachesTheSameBytes seed " + seed);
        List<LogEntry> entries = RandomHistory.generate(seed, ENTRY_COUNT);
        List<Outcome> outcomes = new ArrayList<>();
        for (EngineKind kind : EngineKind.values()) {
            outcomes.add(run(kind, entries));
        }

        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.results()).isEqualTo(outcomes.getFirst().results());
            assertThat(outcome.snapshot()).isEqualTo(outcomes.getFirst().snapshot());
        });
    }

    @Property(tries = 4)
    void replayOnAFreshMachineGivesTheSameBytes(@ForAll long seed) throws IOException {
        System.out.println("DeterminismTest.replayOnAFreshMachineGivesTheSameBytes seed " + seed);
        List<LogEntry> entries = RandomHistory.generate(seed, ENTRY_COUNT);
        for (EngineKind kind : EngineKind.values()) {
            Outcome first = run(kind, entries);
            Outcome replay = run(kind, entries);

            assertThat(replay.results()).isEqualTo(first.results());
            assertThat(replay.snapshot()).isEqualTo(first.snapshot());
        }
    }

    /** Guards the generator: a history that never reached the memcached outcomes would check them for nothing. */
    @Property(tries = 3)
    void historiesReachTheCacheOutcomes(@ForAll long seed) throws IOException {
        System.out.println("DeterminismTest.historiesReachTheCacheOutcomes seed " + seed);
        List<Result> results = run(EngineKind.MEMORY, RandomHistory.generate(seed, ENTRY_COUNT * 4)).results()
                .stream().flatMap(List::stream).toList();

        assertThat(results).anySatisfy(result -> assertThat(result).isInstanceOf(Result.Counted.class));
        assertThat(results).anySatisfy(result -> assertThat(result)
                .isInstanceOfSatisfying(Result.Fetched.class, fetched -> assertThat(fetched.won()).isTrue()));
        assertThat(results).anySatisfy(result -> assertThat(result).isInstanceOf(Result.Flushed.class));
        assertThat(results).contains(new Result.Rejected(Result.RejectReason.NOT_A_NUMBER,
                ArithmeticCommand.NOT_A_NUMBER_MESSAGE));
    }

    private record Outcome(List<List<Result>> results, byte[] snapshot) {
    }

    private static Outcome run(EngineKind kind, List<LogEntry> entries) throws IOException {
        Path directory = Files.createTempDirectory("determinism-" + kind.name());
        try (StorageEngine storage = kind.open(directory)) {
            KvStateMachine machine = new KvStateMachine(storage, RandomHistory.SESSION_IDLE_MILLIS);
            List<List<Result>> results = new ArrayList<>();
            long index = 1;
            for (LogEntry entry : entries) {
                results.add(machine.apply(index, 1, entry));
                index++;
            }
            ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
            storage.writeSnapshot(snapshot);
            return new Outcome(results, snapshot.toByteArray());
        } finally {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException failure) {
                    throw new UncheckedIOException(failure);
                }
            });
        }
    }
}
