package io.raftkv.memcached;

import io.raftkv.core.KeyMetadata;
import io.raftkv.core.Limits;
import io.raftkv.core.TtlMillis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiryTest {
    private final TestClock clock = new TestClock();
    private final Expiry expiry = new Expiry(clock, Limits.DEFAULT);

    @Test
    void zeroNeverExpiresAndNegativeIsAlreadyExpired() {
        assertThat(expiry.ttlMillis(0)).isEqualTo(TtlMillis.NEVER);
        assertThat(expiry.ttlMillis(-1)).isEqualTo(TtlMillis.EXPIRED);
        assertThat(expiry.ttlMillis(Integer.MIN_VALUE)).isEqualTo(TtlMillis.EXPIRED);
    }

    @Test
    void upToThirtyDaysIsRelative() {
        assertThat(expiry.ttlMillis(1)).isEqualTo(1_000);
        assertThat(expiry.ttlMillis(Expiry.RELATIVE_SECONDS_MAX)).isEqualTo(Expiry.RELATIVE_SECONDS_MAX * 1000);
    }

    @Test
    void beyondThirtyDaysIsAnAbsoluteUnixTimeOnThisNodesClock() {
        assertThat(expiry.ttlMillis(clock.seconds() + 100)).isEqualTo(100_000);
        clock.advanceMillis(250);
        assertThat(expiry.ttlMillis(clock.seconds() + 100)).isEqualTo(99_750);
        assertThat(expiry.ttlMillis(clock.seconds())).isEqualTo(TtlMillis.EXPIRED);
        assertThat(expiry.ttlMillis(Expiry.RELATIVE_SECONDS_MAX + 1)).isEqualTo(TtlMillis.EXPIRED);
    }

    @Test
    void timesBeyondTheNodesLimitAreShortenedToIt() {
        Expiry strict = new Expiry(clock, new Limits(250, 1024, 10, 10, 60, 10));
        assertThat(strict.ttlMillis(3600)).isEqualTo(60_000);
        assertThat(expiry.ttlMillis(Integer.MAX_VALUE)).isEqualTo(Limits.TTL_SECONDS_MAX * 1000);
    }

    @Test
    void aFlushDelayInThePastMeansNow() {
        assertThat(expiry.delayMillis(0)).isZero();
        assertThat(expiry.delayMillis(-5)).isZero();
        assertThat(expiry.delayMillis(10)).isEqualTo(10_000);
        assertThat(expiry.delayMillis(clock.seconds() - 10)).isZero();
    }

    @Test
    void aRecacheThresholdThatCanNeverBeMetIsNotGiven() {
        assertThat(expiry.recacheBelowMillis(30)).isEqualTo(30_000);
        assertThat(expiry.recacheBelowMillis(0)).isEqualTo(TtlMillis.NOT_GIVEN);
        assertThat(expiry.recacheBelowMillis(-1)).isEqualTo(TtlMillis.NOT_GIVEN);
    }

    @Test
    void remainingSecondsRoundUpAndShowMinusOneForNever() {
        long now = clock.millis();
        assertThat(expiry.remainingSeconds(new KeyMetadata(0, 1, 1, 1, 0))).isEqualTo(-1);
        assertThat(expiry.remainingSeconds(new KeyMetadata(0, 1, 1, 1, now + 10_000))).isEqualTo(10);
        assertThat(expiry.remainingSeconds(new KeyMetadata(0, 1, 1, 1, now + 9_001))).isEqualTo(10);
        assertThat(expiry.remainingSeconds(new KeyMetadata(0, 1, 1, 1, now - 5_000))).isZero();
    }
}
