package io.raftkv.checker.ttl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Times are nanoseconds on the harness clock; TTLs and the skew bound are milliseconds. */
class TtlCheckerTest {

    private static final long MILLIS = 1_000_000;
    private static final long TTL_MILLIS = 1_000;
    private static final long SKEW_MILLIS = 100;

    private static TtlRead present(long invokeMillis, long completeMillis) {
        return new TtlRead(true, invokeMillis * MILLIS, completeMillis * MILLIS);
    }

    private static TtlRead absent(long invokeMillis, long completeMillis) {
        return new TtlRead(false, invokeMillis * MILLIS, completeMillis * MILLIS);
    }

    /** A key put at [0, 10] ms with a TTL of one second. */
    private static TtlKeyHistory acknowledged(TtlRead... reads) {
        return new TtlKeyHistory("k", TTL_MILLIS, 0, 10 * MILLIS, true, List.of(reads));
    }

    private static TtlKeyHistory unacknowledged(TtlRead... reads) {
        return new TtlKeyHistory("k", TTL_MILLIS, 0, Long.MAX_VALUE, false, List.of(reads));
    }

    private static TtlVerdict check(TtlKeyHistory... keys) {
        return TtlChecker.check(List.of(keys), SKEW_MILLIS);
    }

    @Test
    void keyPresentUntilItsTtlAndAbsentAfterIsValid() {
        TtlVerdict verdict = check(acknowledged(present(20, 30), present(800, 810), absent(1_100, 1_110),
                absent(2_000, 2_010)));

        assertThat(verdict.valid()).as(verdict.summary()).isTrue();
        assertThat(verdict.keysChecked()).isEqualTo(1);
        assertThat(verdict.readsChecked()).isEqualTo(4);
        assertThat(verdict.summary()).startsWith("valid: 1 keys and 4 reads checked");
    }

    @Test
    void keySeenAgainAfterItWasSeenExpiredReappeared() {
        TtlVerdict verdict = check(acknowledged(absent(1_100, 1_110), present(1_200, 1_210)));

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.reappeared()).singleElement().asString()
                .contains("key k").contains("-> absent").contains("-> present");
    }

    @Test
    void presentReadOverlappingTheAbsentOneIsNotAReappearance() {
        TtlVerdict verdict = check(acknowledged(absent(1_100, 1_110), present(1_105, 1_120)));

        assertThat(verdict.reappeared()).isEmpty();
    }

    @Test
    void keyAbsentBeforeItsTtlLessTheSkewBoundExpiredEarly() {
        TtlVerdict verdict = check(acknowledged(absent(800, 850)));

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.earlyExpiry()).singleElement().asString().contains("TTL 1000 ms").contains("50.0 ms before");
    }

    @Test
    void keyAbsentWithinTheSkewBoundOfItsTtlIsNotEarly() {
        TtlVerdict verdict = check(acknowledged(absent(880, 905)));

        assertThat(verdict.earlyExpiry()).isEmpty();
        assertThat(verdict.valid()).isTrue();
    }

    @Test
    void absentReadThatStartedBeforeThePutWasAcknowledgedIsNotAnExpiry() {
        TtlVerdict verdict = check(acknowledged(absent(5, 20), present(30, 40)));

        assertThat(verdict.valid()).isTrue();
    }

    @Test
    void keyStillPresentWellAfterItsTtlIsReportedButValid() {
        TtlVerdict verdict = check(acknowledged(present(1_050, 1_060), present(2_200, 2_210)));

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.lateExpiry()).singleElement().asString().contains("still present");
        assertThat(check(acknowledged(present(1_050, 1_060))).lateExpiry()).isEmpty();
    }

    @Test
    void unacknowledgedPutNeverSeenIsSkipped() {
        TtlVerdict verdict = check(unacknowledged(absent(100, 110), absent(2_000, 2_010)));

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.keysChecked()).isZero();
        assertThat(verdict.readsChecked()).isZero();
    }

    @Test
    void unacknowledgedPutSeenPresentIsCheckedFromThatRead() {
        TtlVerdict reappeared = check(unacknowledged(absent(50, 60), present(100, 110), absent(1_200, 1_210),
                present(1_300, 1_310)));
        TtlVerdict healthy = check(unacknowledged(absent(50, 60), present(100, 110), absent(1_200, 1_210)));

        assertThat(reappeared.reappeared()).singleElement().asString().contains("took effect at 110000000");
        assertThat(healthy.valid()).isTrue();
        assertThat(healthy.keysChecked()).isEqualTo(1);
    }

    @Test
    void unacknowledgedPutSeenPresentThenAbsentTooSoonExpiredEarly() {
        TtlVerdict verdict = check(unacknowledged(present(100, 110), absent(200, 210)));

        assertThat(verdict.earlyExpiry()).hasSize(1);
    }
}
