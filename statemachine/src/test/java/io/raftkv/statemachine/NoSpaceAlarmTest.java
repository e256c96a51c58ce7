package io.raftkv.statemachine;

import io.raftkv.core.NoSpaceAlarm;
import io.raftkv.core.command.ClearNoSpaceAlarm;
import io.raftkv.core.command.RaiseNoSpaceAlarm;
import io.raftkv.core.command.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static io.raftkv.statemachine.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;

class NoSpaceAlarmTest extends EngineTest {
    static final NoSpaceAlarm N3_FULL = new NoSpaceAlarm("n3", 12L << 20, 64L << 20, "/data/n3");
    static final NoSpaceAlarm N1_FULL = new NoSpaceAlarm("n1", 1L << 20, 8L << 20, "/data/n1");

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aRaisedAlarmIsActiveUntilItsNodeClearsIt(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));

        assertThat(driver.apply(new RaiseNoSpaceAlarm(N3_FULL))).isEqualTo(new Result.Announced());
        driver.apply(new RaiseNoSpaceAlarm(N1_FULL));
        assertThat(driver.machine().noSpaceAlarms()).containsExactly(N1_FULL, N3_FULL);

        driver.apply(new ClearNoSpaceAlarm("n3"));
        assertThat(driver.machine().noSpaceAlarms()).containsExactly(N1_FULL);
        assertThat(driver.machine().revision()).as("alarms do not move the revision").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void raisingAgainReplacesTheNodesEarlierAlarm(EngineKind kind) {
        MachineDriver driver = driver(kind);
        NoSpaceAlarm fuller = new NoSpaceAlarm("n3", 3L << 20, 64L << 20, "/data/n3");

        driver.apply(1_000, new RaiseNoSpaceAlarm(N3_FULL));
        driver.apply(new RaiseNoSpaceAlarm(fuller));

        assertThat(driver.machine().noSpaceAlarms()).containsExactly(fuller);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void clearingANodeWithoutAnAlarmChangesNothing(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, new RaiseNoSpaceAlarm(N3_FULL));

        assertThat(driver.apply(new ClearNoSpaceAlarm("n2"))).isEqualTo(new Result.Announced());

        assertThat(driver.machine().noSpaceAlarms()).containsExactly(N3_FULL);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void alarmsTravelInSnapshotsAndSurviveAReload(EngineKind kind) throws IOException {
        MachineDriver source = driver(kind);
        source.apply(1_000, new RaiseNoSpaceAlarm(N3_FULL));
        MachineDriver target = driver(kind);
        assertThat(target.machine().noSpaceAlarms()).isEmpty();

        target.machine().storage().restoreSnapshot(new ByteArrayInputStream(source.snapshot()));
        target.machine().reload();

        assertThat(target.machine().noSpaceAlarms()).containsExactly(N3_FULL);
        assertThat(new KvStateMachine(target.machine().storage(), KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT)
                .noSpaceAlarms()).as("loaded at start").containsExactly(N3_FULL);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void anInvalidAlarmIsRejectedOnEveryReplica(EngineKind kind) {
        MachineDriver driver = driver(kind);

        Result negative = driver.apply(1_000, new RaiseNoSpaceAlarm(new NoSpaceAlarm("n3", -1, 0, "/data")));
        Result noDirectory = driver.apply(new RaiseNoSpaceAlarm(new NoSpaceAlarm("n3", 1, 0, "")));
        Result noNode = driver.apply(new ClearNoSpaceAlarm(""));

        assertThat(negative).isInstanceOf(Result.Rejected.class);
        assertThat(noDirectory).isInstanceOf(Result.Rejected.class);
        assertThat(noNode).isInstanceOf(Result.Rejected.class);
        assertThat(driver.machine().noSpaceAlarms()).isEmpty();
    }
}
