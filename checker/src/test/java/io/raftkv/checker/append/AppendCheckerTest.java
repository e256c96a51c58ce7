package io.raftkv.checker.append;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per anomaly, each with a history that has it and the closest one that does not. Times are nanoseconds. */
class AppendCheckerTest {

    private final List<AppendAttempt> attempts = new ArrayList<>();
    private final List<ElementsRead> reads = new ArrayList<>();

    private void append(String element, AttemptOutcome outcome, long invokeNanos, long completeNanos) {
        attempts.add(new AppendAttempt(element, outcome, invokeNanos, completeNanos));
    }

    private void read(long invokeNanos, long completeNanos, String... elements) {
        reads.add(new ElementsRead(List.of(elements), invokeNanos, completeNanos));
    }

    private AppendVerdict checkWithFinalRead(String... elements) {
        return AppendChecker.check(new AppendHistory(attempts, reads,
                new ElementsRead(List.of(elements), 10_000, 10_010)));
    }

    @Test
    void healthyHistoryIsValidAndCounted() {
        append("a", AttemptOutcome.OK, 0, 10);
        append("b", AttemptOutcome.UNKNOWN, 20, 30);
        append("c", AttemptOutcome.UNKNOWN, 40, 50);
        append("d", AttemptOutcome.FAIL, 60, 70);
        read(15, 18, "a");
        read(35, 80, "a", "b");

        AppendVerdict verdict = checkWithFinalRead("a", "b");

        assertThat(verdict.valid()).as(verdict.summary()).isTrue();
        assertThat(verdict.okCount()).isEqualTo(1);
        assertThat(verdict.unknownCount()).isEqualTo(2);
        assertThat(verdict.unknownPresentCount()).isEqualTo(1);
        assertThat(verdict.failCount()).isEqualTo(1);
        assertThat(verdict.summary()).startsWith("valid: 1 acknowledged, 2 unknown (1 present at the end), 1 refused");
    }

    @Test
    void acknowledgedElementMissingFromTheFinalReadIsLost() {
        append("a", AttemptOutcome.OK, 0, 10);
        append("b", AttemptOutcome.OK, 20, 30);
        append("c", AttemptOutcome.UNKNOWN, 40, 50);

        AppendVerdict lost = checkWithFinalRead("a");
        AppendVerdict kept = checkWithFinalRead("a", "b");

        assertThat(lost.valid()).isFalse();
        assertThat(lost.lost()).containsExactly("b");
        assertThat(lost.summary()).contains("lost (1): [b]");
        assertThat(kept.lost()).isEmpty();
        assertThat(kept.valid()).isTrue();
    }

    @Test
    void elementNobodyAppendedIsAPhantom() {
        append("a", AttemptOutcome.OK, 0, 10);
        read(20, 30, "a", "ghost");

        AppendVerdict verdict = checkWithFinalRead("a", "ghost", "ghost-2");

        assertThat(verdict.phantom()).containsExactly("ghost", "ghost-2");
        assertThat(checkWithoutReads("a").phantom()).isEmpty();
    }

    @Test
    void refusedElementThatShowsUpIsResurrected() {
        append("a", AttemptOutcome.OK, 0, 10);
        append("refused", AttemptOutcome.FAIL, 20, 30);
        read(40, 50, "a", "refused");

        AppendVerdict verdict = checkWithFinalRead("a");

        assertThat(verdict.resurrected()).containsExactly("refused");
        assertThat(checkWithoutReads("a").resurrected()).isEmpty();
    }

    @Test
    void elementSeenTwiceInOneReadIsDuplicated() {
        append("a", AttemptOutcome.OK, 0, 10);
        append("b", AttemptOutcome.OK, 20, 30);

        AppendVerdict verdict = checkWithFinalRead("a", "b", "a");

        assertThat(verdict.duplicated()).containsExactly("a");
        assertThat(checkWithoutReads("a", "b").duplicated()).isEmpty();
    }

    @Test
    void readThatDivergesFromTheFinalOrderIsNotAPrefix() {
        append("a", AttemptOutcome.OK, 0, 10);
        append("b", AttemptOutcome.OK, 0, 10);
        read(20, 30, "b", "a");
        read(40, 50, "a");

        AppendVerdict verdict = checkWithFinalRead("a", "b");

        assertThat(verdict.notPrefix()).hasSize(1);
        assertThat(verdict.notPrefix().getFirst()).contains("read [20, 30]").contains("b at position 0");
    }

    @Test
    void readLongerThanTheFinalReadIsNotAPrefix() {
        append("a", AttemptOutcome.OK, 0, 10);
        append("b", AttemptOutcome.UNKNOWN, 20, 30);
        read(40, 50, "a", "b");

        AppendVerdict verdict = checkWithFinalRead("a");

        assertThat(verdict.notPrefix()).singleElement().asString().contains("has 2 elements, the final read only 1");
    }

    @Test
    void readMissingAnElementAcknowledgedBeforeItStartedIsStale() {
        append("a", AttemptOutcome.OK, 0, 10);
        append("b", AttemptOutcome.OK, 20, 30);
        read(31, 40, "a");
        read(30, 40, "a");

        AppendVerdict verdict = checkWithFinalRead("a", "b");

        assertThat(verdict.stale()).singleElement().asString()
                .contains("read [31, 40]")
                .contains("misses elements acknowledged before it was invoked (1)")
                .contains("b");
    }

    @Test
    void readContainingAnElementAppendedAfterItCompletedIsEarly() {
        append("a", AttemptOutcome.OK, 0, 10);
        append("b", AttemptOutcome.OK, 50, 60);
        read(20, 30, "a", "b");
        read(20, 50, "a", "b");

        AppendVerdict verdict = checkWithFinalRead("a", "b");

        assertThat(verdict.early()).singleElement().asString().contains("read [20, 30]").contains("b");
    }

    @Test
    void elementAttemptedTwiceIsAHarnessBug() {
        append("a", AttemptOutcome.OK, 0, 10);
        append("a", AttemptOutcome.FAIL, 20, 30);

        assertThatThrownBy(() -> checkWithFinalRead("a")).isInstanceOf(IllegalArgumentException.class);
    }

    private AppendVerdict checkWithoutReads(String... finalElements) {
        reads.clear();
        return checkWithFinalRead(finalElements);
    }
}
