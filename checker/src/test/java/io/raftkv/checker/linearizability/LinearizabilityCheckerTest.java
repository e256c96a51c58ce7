package io.raftkv.checker.linearizability;

import io.raftkv.checker.Operation;
import io.raftkv.checker.register.RegisterHistory;
import io.raftkv.checker.register.RegisterInput;
import io.raftkv.checker.register.RegisterModel;
import io.raftkv.checker.register.RegisterOutput;
import io.raftkv.checker.register.SimulatedRegisters;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinearizabilityCheckerTest {

    private static final Duration BUDGET = Duration.ofSeconds(20);
    private static final RegisterModel MODEL = new RegisterModel();

    @Test
    void violationOnOneKeyIsReportedOnThatKeyOnly() {
        var history = RegisterHistory.onKey("good")
                .write(1, "a", 0, 10)
                .read(2, "a", 20, 30)
                .key("bad")
                .write(1, "a", 0, 10)
                .write(1, "b", 20, 30)
                .read(2, "a", 40, 50)
                .key("also-good")
                .read(3, null, 0, 100)
                .build();

        KeyedVerdict<RegisterInput, RegisterOutput> verdict = LinearizabilityChecker.checkByKey(history, MODEL, BUDGET);

        assertThat(verdict.byKey().keySet()).containsExactly("also-good", "bad", "good");
        assertThat(verdict.byKey().get("good")).isInstanceOf(Verdict.Linearizable.class);
        assertThat(verdict.byKey().get("also-good")).isInstanceOf(Verdict.Linearizable.class);
        assertThat(verdict.byKey().get("bad")).isInstanceOf(Verdict.NotLinearizable.class);
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.anyViolation()).isTrue();
        assertThat(verdict.violatingKeys()).containsExactly("bad");
        assertThat(verdict.unknownKeys()).isEmpty();
        assertThat(verdict.summary()).isEqualTo("3 keys: 2 linearizable, 1 not linearizable [bad], 0 unknown []");
    }

    @Test
    void keysThatAreAllLinearizableMakeAValidVerdict() {
        var history = RegisterHistory.onKey("x").write(1, "a", 0, 10).key("y").read(1, null, 0, 10).build();

        KeyedVerdict<RegisterInput, RegisterOutput> verdict = LinearizabilityChecker.checkByKey(history, MODEL, BUDGET);

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.anyViolation()).isFalse();
    }

    @Test
    void staleReadBuriedInTwoHundredOperationsShrinksToAHandful() {
        long seed = 42;
        System.out.println("seed " + seed);
        List<Operation<RegisterInput, RegisterOutput>> history = new ArrayList<>(
                new SimulatedRegisters(5, 1, 0).generate(new Random(seed), 200));
        long middleNanos = history.get(100).invokeNanos();
        int buggyProcess = 99;
        history.add(new Operation<>(1_000, buggyProcess, "k0", new RegisterInput.Write("stale-a"),
                new RegisterOutput.Written(), middleNanos, middleNanos + 10));
        history.add(new Operation<>(1_001, buggyProcess, "k0", new RegisterInput.Write("stale-b"),
                new RegisterOutput.Written(), middleNanos + 20, middleNanos + 30));
        history.add(new Operation<>(1_002, buggyProcess, "k0", new RegisterInput.Read(),
                new RegisterOutput.ReadValue("stale-a"), middleNanos + 40, middleNanos + 50));

        Verdict<RegisterInput, RegisterOutput> verdict = LinearizabilityChecker.check(history, MODEL, BUDGET);

        assertThat(verdict).isInstanceOf(Verdict.NotLinearizable.class);
        var failure = (Verdict.NotLinearizable<RegisterInput, RegisterOutput>) verdict;
        System.out.println(failure.explanation());
        assertThat(failure.minimalHistory()).hasSizeLessThanOrEqualTo(4);
        assertThat(failure.minimalHistory()).extracting(Operation::id).contains(1_000L, 1_002L);
        assertThat(failure.longestLinearizedPrefix()).isNotEmpty();
        assertThat(failure.explanation()).contains("#1002");
    }

    @Test
    void longestLinearizedPrefixIsInLinearizationOrder() {
        var history = RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .write(1, "b", 20, 30)
                .read(2, "b", 40, 50)
                .read(2, "a", 60, 70)
                .build();

        var verdict = (Verdict.NotLinearizable<RegisterInput, RegisterOutput>)
                LinearizabilityChecker.check(history, MODEL, BUDGET);

        assertThat(verdict.longestLinearizedPrefix()).extracting(Operation::id).containsExactly(0L, 1L, 2L);
        assertThat(verdict.explanation()).contains("#3 process 2 read() -> \"a\" [60, 70]");
    }

    @Test
    void pathologicalHistoryWithATinyBudgetIsUnknown() {
        RegisterHistory history = RegisterHistory.onKey("k");
        int concurrentWrites = 60;
        for (int writer = 0; writer < concurrentWrites; writer++) {
            history.write(writer, "v" + writer, 0, 1_000);
        }
        history.read(concurrentWrites, "never-written", 2_000, 2_010);

        Verdict<RegisterInput, RegisterOutput> verdict =
                LinearizabilityChecker.check(history.build(), MODEL, Duration.ofMillis(50));

        assertThat(verdict).isInstanceOf(Verdict.Unknown.class);
        assertThat(((Verdict.Unknown<RegisterInput, RegisterOutput>) verdict).reason()).contains("time budget");
    }

    @Test
    void keyThatRunsOutOfTimeIsUnknownWhileTheOthersAreDecided() {
        RegisterHistory history = RegisterHistory.onKey("hard");
        for (int writer = 0; writer < 60; writer++) {
            history.write(writer, "v" + writer, 0, 1_000);
        }
        history.read(60, "never-written", 2_000, 2_010).key("easy").write(1, "a", 0, 10).read(2, "a", 20, 30);

        KeyedVerdict<RegisterInput, RegisterOutput> verdict =
                LinearizabilityChecker.checkByKey(history.build(), MODEL, Duration.ofMillis(100));

        assertThat(verdict.unknownKeys()).containsExactly("hard");
        assertThat(verdict.byKey().get("easy")).isInstanceOf(Verdict.Linearizable.class);
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.anyViolation()).isFalse();
    }

    @Test
    void longSequentialHistoryNeedsNoRecursion() {
        RegisterHistory history = RegisterHistory.onKey("k");
        for (int step = 0; step < 20_000; step++) {
            history.write(1, "v" + step, step * 10L, step * 10L + 5);
        }
        assertThat(LinearizabilityChecker.check(history.build(), MODEL, BUDGET))
                .isInstanceOf(Verdict.Linearizable.class);
    }

    @Test
    void duplicateIdsAreRejected() {
        var write = new Operation<RegisterInput, RegisterOutput>(7, 1, "k", new RegisterInput.Write("a"),
                new RegisterOutput.Written(), 0, 10);
        assertThatThrownBy(() -> LinearizabilityChecker.check(List.of(write, write), MODEL, BUDGET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id 7");
    }

    @Test
    void operationCompletingBeforeItsInvocationIsRejected() {
        assertThatThrownBy(() -> new Operation<>(1, 1, "k", new RegisterInput.Read(),
                new RegisterOutput.ReadValue(null), 10, 9))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
