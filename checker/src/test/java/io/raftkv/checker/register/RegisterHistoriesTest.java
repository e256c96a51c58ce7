package io.raftkv.checker.register;

import io.raftkv.checker.Operation;
import io.raftkv.checker.linearizability.LinearizabilityChecker;
import io.raftkv.checker.linearizability.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Known linearizable and known non-linearizable register histories of one key. Times are in nanoseconds. */
class RegisterHistoriesTest {

    private static final Duration BUDGET = Duration.ofSeconds(10);

    private static Verdict<RegisterInput, RegisterOutput> verdictOf(RegisterHistory history) {
        return LinearizabilityChecker.check(history.build(), new RegisterModel(), BUDGET);
    }

    private static void assertLinearizable(RegisterHistory history) {
        assertThat(verdictOf(history)).isInstanceOf(Verdict.Linearizable.class);
    }

    private static Verdict.NotLinearizable<RegisterInput, RegisterOutput> assertNotLinearizable(
            RegisterHistory history) {
        Verdict<RegisterInput, RegisterOutput> verdict = verdictOf(history);
        assertThat(verdict).isInstanceOf(Verdict.NotLinearizable.class);
        return (Verdict.NotLinearizable<RegisterInput, RegisterOutput>) verdict;
    }

    private static List<Long> ids(List<Operation<RegisterInput, RegisterOutput>> operations) {
        return operations.stream().map(Operation::id).toList();
    }

    @Test
    void emptyHistoryIsLinearizable() {
        assertLinearizable(RegisterHistory.onKey("k"));
    }

    @Test
    void readOfANeverWrittenKeyFindsItAbsent() {
        assertLinearizable(RegisterHistory.onKey("k").read(1, null, 0, 10));
    }

    @Test
    void sequentialHistoryIsLinearizable() {
        assertLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .read(2, "a", 20, 30)
                .write(1, "b", 40, 50)
                .read(2, "b", 60, 70)
                .compareAndSet(1, "b", "c", true, 80, 90)
                .compareAndSet(2, "b", "d", false, 100, 110)
                .read(1, "c", 120, 130));
    }

    @Test
    void concurrentOperationsMayTakeEffectAnywhereWithinTheirIntervals() {
        assertLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 100)
                .read(2, null, 10, 20)
                .read(3, "a", 30, 40)
                .write(2, "b", 50, 150)
                .read(3, "a", 60, 70)
                .read(3, "b", 120, 130)
                .read(4, "a", 55, 140));
    }

    @Test
    void readTouchingAWriteCountsAsConcurrentWithIt() {
        assertLinearizable(RegisterHistory.onKey("k")
                .read(1, "b", 0, 10)
                .write(2, "b", 10, 20));
    }

    @Test
    void staleReadAfterAnAcknowledgedWriteIsNotLinearizable() {
        var verdict = assertNotLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .write(1, "b", 20, 30)
                .read(2, "a", 40, 50));
        assertThat(ids(verdict.minimalHistory())).containsExactly(0L, 1L, 2L);
        assertThat(verdict.explanation()).contains("read() -> \"a\"").contains("\"b\"");
    }

    @Test
    void readsThatSeeTheNewValueAndThenTheOldOneAreNotLinearizable() {
        assertNotLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 5)
                .write(1, "b", 10, 100)
                .read(2, "b", 20, 30)
                .read(3, "a", 40, 50));
    }

    @Test
    void readOfAValueNeverWrittenIsNotLinearizable() {
        var verdict = assertNotLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .read(2, "z", 20, 30));
        assertThat(verdict.minimalHistory()).extracting(Operation::id).containsExactly(1L);
    }

    @Test
    void compareAndSetObservationsConsistentWithTheValueAreLinearizable() {
        assertLinearizable(RegisterHistory.onKey("k")
                .compareAndSet(1, null, "a", true, 0, 10)
                .compareAndSet(1, "a", "b", true, 20, 40)
                .compareAndSet(2, "a", "c", false, 20, 40)
                .read(3, "b", 50, 60));
    }

    @Test
    void refusedCompareAndSetWhileTheValueWasTheExpectedOneIsNotLinearizable() {
        assertNotLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .compareAndSet(2, "a", "b", false, 20, 30)
                .read(1, "a", 40, 50));
    }

    @Test
    void swappedCompareAndSetOnAnotherValueIsNotLinearizable() {
        assertNotLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .compareAndSet(2, "x", "b", true, 20, 30));
    }

    @Test
    void twoConcurrentCompareAndSetsCannotBothSwapFromTheSameValue() {
        assertNotLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .compareAndSet(1, "a", "b", true, 20, 40)
                .compareAndSet(2, "a", "c", true, 20, 40));
    }

    @Test
    void unknownWriteMayTakeEffectMuchLater() {
        assertLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .unknownWrite(2, "b", 20)
                .read(1, "a", 30, 40)
                .read(3, "a", 100, 110)
                .read(1, "b", 1_000, 1_010));
    }

    @Test
    void unknownWriteMayNeverTakeEffect() {
        assertLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .unknownWrite(2, "b", 20)
                .read(1, "a", 30, 40)
                .read(3, "a", 1_000, 1_010));
    }

    @Test
    void unknownWriteSeenAndThenTheOldValueSeenAgainIsNotLinearizable() {
        var verdict = assertNotLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .unknownWrite(2, "b", 20)
                .read(1, "b", 30, 40)
                .read(3, "a", 50, 60));
        assertThat(ids(verdict.minimalHistory())).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void unknownWriteSeenByAReadThatCompletedBeforeItWasInvokedIsNotLinearizable() {
        assertNotLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .read(1, "b", 20, 30)
                .unknownWrite(2, "b", 40));
    }

    @Test
    void unknownOutcomeIsUnknownWhateverTheRecordedCompletionTime() {
        Operation<RegisterInput, RegisterOutput> timedOutWrite =
                new Operation<>(1, 2, "k", new RegisterInput.Write("b"), null, 20, 25);
        List<Operation<RegisterInput, RegisterOutput>> history = List.of(
                new Operation<>(0, 1, "k", new RegisterInput.Write("a"), new RegisterOutput.Written(), 0, 10),
                timedOutWrite,
                new Operation<>(2, 1, "k", new RegisterInput.Read(), new RegisterOutput.ReadValue("a"), 30, 40),
                new Operation<>(3, 1, "k", new RegisterInput.Read(), new RegisterOutput.ReadValue("b"), 50, 60));
        assertThat(LinearizabilityChecker.check(history, new RegisterModel(), BUDGET))
                .isInstanceOf(Verdict.Linearizable.class);
    }

    @Test
    void unknownCompareAndSetMayTakeEffectWhenItsExpectedValueHolds() {
        assertLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .unknownCompareAndSet(2, "a", "b", 20)
                .read(1, "a", 30, 40)
                .read(1, "b", 50, 60));
    }

    @Test
    void unknownCompareAndSetCannotSwapAValueItDidNotExpect() {
        assertNotLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .write(1, "c", 12, 18)
                .unknownCompareAndSet(2, "a", "b", 20)
                .read(1, "b", 30, 40));
    }

    @Test
    void unknownReadsConstrainNothing() {
        assertLinearizable(RegisterHistory.onKey("k")
                .write(1, "a", 0, 10)
                .unknownRead(2, 5)
                .unknownRead(3, 15)
                .read(1, "a", 20, 30));
    }
}
