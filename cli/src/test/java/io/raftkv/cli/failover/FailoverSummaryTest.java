package io.raftkv.cli.failover;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailoverSummaryTest {

    @Test
    void medianOfAnOddCountIsTheMiddleTrial() {
        FailoverSummary summary = FailoverSummary.of("raftkv", List.of(900.0, 100.0, 500.0));

        assertThat(summary.medianMillis()).isEqualTo(500.0);
        assertThat(summary.minMillis()).isEqualTo(100.0);
        assertThat(summary.maxMillis()).isEqualTo(900.0);
        assertThat(summary.trials()).isEqualTo(3);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleTrials() {
        FailoverSummary summary = FailoverSummary.of("etcd", List.of(400.0, 100.0, 200.0, 300.0));

        assertThat(summary.medianMillis()).isEqualTo(250.0);
    }

    @Test
    void p90OfTenTrialsIsTheNinthByNearestRank() {
        FailoverSummary summary = FailoverSummary.of("raftkv",
                List.of(10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0));

        assertThat(summary.p90Millis()).isEqualTo(9.0);
    }

    @Test
    void noTrialsIsABug() {
        assertThatThrownBy(() -> FailoverSummary.of("raftkv", List.of())).hasMessageContaining("no trials");
    }
}
