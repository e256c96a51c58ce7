package io.raftkv.checker.linearizability;

import io.raftkv.checker.Operation;
import io.raftkv.checker.register.RegisterInput;
import io.raftkv.checker.register.RegisterModel;
import io.raftkv.checker.register.RegisterOutput;
import io.raftkv.checker.register.SimulatedRegisters;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Histories of real (simulated) registers are linearizable; one corrupted read makes them not. jqwik prints the seed
 * of a failing try; the simulation's own seed is in the assertion message.
 */
class SimulatedRegisterHistoriesTest {

    private static final Duration BUDGET = Duration.ofSeconds(30);
    private static final RegisterModel MODEL = new RegisterModel();

    @Property(tries = 1000)
    void simulatedRegisterHistoriesAreLinearizable(@ForAll long seed,
                                                   @ForAll @IntRange(min = 1, max = 8) int processes,
                                                   @ForAll @IntRange(min = 1, max = 3) int keys,
                                                   @ForAll @IntRange(min = 0, max = 20) int unknownPercent,
                                                   @ForAll @IntRange(min = 0, max = 80) int operationCount) {
        var history = new SimulatedRegisters(processes, keys, unknownPercent)
                .generate(new Random(seed), operationCount);

        KeyedVerdict<RegisterInput, RegisterOutput> verdict = LinearizabilityChecker.checkByKey(history, MODEL, BUDGET);

        assertThat(verdict.valid()).as("simulation seed %d: %s", seed, verdict.byKey()).isTrue();
    }

    @Property(tries = 1000)
    void aReadOfANeverWrittenValueMakesThemNotLinearizable(@ForAll long seed,
                                                           @ForAll @IntRange(min = 1, max = 8) int processes,
                                                           @ForAll @IntRange(min = 0, max = 20) int unknownPercent,
                                                           @ForAll @IntRange(min = 1, max = 60) int operationCount,
                                                           @ForAll @IntRange(min = 0, max = 1_000) int readChoice) {
        Random random = new Random(seed);
        List<Operation<RegisterInput, RegisterOutput>> history = new ArrayList<>(
                new SimulatedRegisters(processes, 1, unknownPercent).generate(random, operationCount));
        List<Integer> knownReads = new ArrayList<>();
        for (int position = 0; position < history.size(); position++) {
            if (history.get(position).outcomeKnown()
                    && history.get(position).input() instanceof RegisterInput.Read) {
                knownReads.add(position);
            }
        }
        Assume.that(!knownReads.isEmpty());
        int corrupted = knownReads.get(readChoice % knownReads.size());
        Operation<RegisterInput, RegisterOutput> read = history.get(corrupted);
        history.set(corrupted, new Operation<>(read.id(), read.process(), read.key(), read.input(),
                new RegisterOutput.ReadValue("never-written"), read.invokeNanos(), read.completeNanos()));

        Verdict<RegisterInput, RegisterOutput> verdict = LinearizabilityChecker.check(history, MODEL, BUDGET);

        assertThat(verdict).as("simulation seed %d", seed).isInstanceOf(Verdict.NotLinearizable.class);
        var failure = (Verdict.NotLinearizable<RegisterInput, RegisterOutput>) verdict;
        assertThat(failure.minimalHistory()).as("simulation seed %d", seed)
                .extracting(Operation::id).containsExactly(read.id());
    }

    /**
     * The size the torture harness produces: 10 processes, 5 keys, 3,000 operations, some unknown. It prints how long
     * the check took; speed is reported, never asserted.
     */
    @Test
    void largeSimulatedHistoryIsLinearizable() {
        long seed = System.nanoTime();
        System.out.println("largeSimulatedHistoryIsLinearizable seed " + seed);
        var history = new SimulatedRegisters(10, 5, 2).generate(new Random(seed), 3_000);

        long startNanos = System.nanoTime();
        KeyedVerdict<RegisterInput, RegisterOutput> verdict = LinearizabilityChecker.checkByKey(history, MODEL, BUDGET);
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;

        System.out.printf("checked %d operations in %d ms: %s%n", history.size(), elapsedMillis, verdict.summary());
        assertThat(verdict.valid()).as("seed %d: %s", seed, verdict.summary()).isTrue();
    }
}
