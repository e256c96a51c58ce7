package io.raftkv.torture.check;

import io.raftkv.torture.history.Outcome;
import io.raftkv.torture.history.RecordedOperation;
import io.raftkv.torture.workload.FinalReads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks read the history exactly as the workloads record it. */
class RecordedHistoryChecksTest {
    private static final Duration BUDGET = Duration.ofSeconds(10);
    private final List<RecordedOperation> history = new ArrayList<>();

    private void record(String function, String key, String input, String output, long invokeMillis,
                        long completeMillis, Outcome outcome) {
        history.add(new RecordedOperation(history.size(), history.size(), function, key, input, output, "n1",
                invokeMillis * 1_000_000, completeMillis * 1_000_000, outcome, outcome == Outcome.OK ? null : "x"));
    }

    @Test
    void sequentialRegisterHistoryWithSwapsIsValid() {
        record("write", "r0", "v0", "ok", 0, 1, Outcome.OK);
        record("cas", "r0", "v0->v1", "swapped", 2, 3, Outcome.OK);
        record("cas", "r0", "v0->v2", "mismatch", 4, 5, Outcome.OK);
        record("read", "r0", null, "v1", 6, 7, Outcome.OK);

        assertThat(RegisterCheck.check(history, BUDGET).valid()).isTrue();
    }

    @Test
    void staleReadAfterAnAcknowledgedSwapIsAViolation() {
        record("write", "r0", "v0", "ok", 0, 1, Outcome.OK);
        record("cas", "r0", "v0->v1", "swapped", 2, 3, Outcome.OK);
        record("read", "r0", null, "v0", 4, 5, Outcome.OK);

        assertThat(RegisterCheck.check(history, BUDGET).anyViolation()).isTrue();
    }

    @Test
    void unknownWriteMayTakeEffectLateButAnUnansweredReadIsIgnored() {
        record("write", "r0", "v0", null, 0, 50, Outcome.UNKNOWN);
        record("read", "r0", null, "nil", 1, 2, Outcome.OK);
        record("read", "r0", null, null, 3, 60, Outcome.UNKNOWN);
        record("read", "r0", null, "v0", 70, 71, Outcome.OK);

        assertThat(RegisterCheck.check(history, BUDGET).valid()).isTrue();
    }

    @Test
    void acknowledgedAppendMissingFromTheFinalReadIsLost() {
        record("append", "s0", "e0", "ok", 0, 1, Outcome.OK);
        record("append", "s0", "e1", "ok", 2, 3, Outcome.OK);
        record("read-all", "s0", null, "e0", 1, 2, Outcome.OK);
        record(FinalReads.FUNCTION, "s0", null, "e0 ", 10, 11, Outcome.OK);

        assertThat(SetCheck.check(history, List.of("s0")).get("s0").lost()).containsExactly("e1");
    }

    @Test
    void appendsThatAllArrivedAreValid() {
        record("append", "s0", "e0", "ok", 0, 1, Outcome.OK);
        record("append", "s0", "e1", null, 2, 30, Outcome.UNKNOWN);
        record("read-all", "s0", null, "e0", 2, 3, Outcome.OK);
        record(FinalReads.FUNCTION, "s0", null, "e0 e1 ", 40, 41, Outcome.OK);

        assertThat(SetCheck.check(history, List.of("s0")).get("s0").valid()).isTrue();
    }

    @Test
    void keyGoneBeforeItsTtlIsAnEarlyExpiry() {
        record("put-ttl", "t0", "3000", "ok", 0, 10, Outcome.OK);
        record("read-ttl", "t0", null, "present", 20, 30, Outcome.OK);
        record("read-ttl", "t0", null, "absent", 1_000, 1_010, Outcome.OK);

        assertThat(TtlCheck.check(history, 500).earlyExpiry()).hasSize(1);
        assertThat(TtlCheck.check(history, 2_500).valid()).isTrue();
    }
}
