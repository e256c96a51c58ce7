package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.RejectReason;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Result.SequenceForgotten;
import io.raftkv.core.command.Result.Swept;
import io.raftkv.core.command.Result.Written;
import io.raftkv.core.query.QueryResult.Found;
import io.raftkv.storage.Keyspace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.raftkv.statemachine.Requests.append;
import static io.raftkv.statemachine.Requests.bytes;
import static io.raftkv.statemachine.Requests.delete;
import static io.raftkv.statemachine.Requests.put;
import static io.raftkv.statemachine.Requests.putIfModRevision;
import static io.raftkv.statemachine.Requests.sweepSessions;
import static io.raftkv.statemachine.Requests.withSession;
import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest extends EngineTest {
    private static final long IDLE_MILLIS = KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT;

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void retriedWriteAppliesOnce(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", ""));

        Result first = driver.apply(1_000, withSession("client", 1, 0, append("a", "x"))).getFirst();
        Result retry = driver.apply(2_000, withSession("client", 1, 0, append("a", "x"))).getFirst();

        assertThat(retry).isEqualTo(first);
        assertThat(driver.machine().revision()).isEqualTo(2);
        assertThat(driver.get("a")).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.keyValue().value()).isEqualTo(bytes("x")));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void retryGetsFirstResultEvenWhenStateHasMovedOn(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Request create = withSession("client", 1, 0, putIfModRevision("a", "1", Put.IF_ABSENT));

        Result first = driver.apply(1_000, create).getFirst();
        driver.apply(1_000, put("a", "2"));
        Result retry = driver.apply(1_000, create).getFirst();

        assertThat(first).isEqualTo(new Written(new KeyMetadata(0, 1, 1, 1, 0)));
        assertThat(retry).isEqualTo(first);
        assertThat(driver.machine().revision()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void retryInTheSameEntryAppliesOnce(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", ""));
        Request request = withSession("client", 1, 0, append("a", "x"));

        List<Result> results = driver.apply(1_000, request, request);

        assertThat(results.get(1)).isEqualTo(results.get(0));
        assertThat(driver.machine().revision()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sequenceReusedForAnotherKindOfWriteIsRejectedAndAppliesNothing(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, withSession("client", 1, 0, put("a", "1")));

        Result reused = driver.apply(1_000, withSession("client", 1, 0, delete("a"))).getFirst();

        assertThat(reused).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_REQUEST);
            assertThat(rejected.message()).contains("sequence 1").contains("Written").contains("Delete");
        });
        assertThat(driver.get("a")).isInstanceOf(Found.class);
        assertThat(driver.machine().revision()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void completedSequencesAreForgotten(EngineKind kind) {
        MachineDriver driver = driver(kind);
        for (long sequence = 1; sequence <= 3; sequence++) {
            driver.apply(1_000, withSession("client", sequence, 0, put("k" + sequence, "v")));
        }

        driver.apply(1_000, withSession("client", 4, 3, put("k4", "v")));

        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.RESULTS))
                .extracting(StoreContents.Entry::key)
                .containsExactly(SessionTable.resultKey(bytes("client"), 3), SessionTable.resultKey(bytes("client"), 4));
        assertThat(driver.apply(1_000, withSession("client", 2, 0, put("k2", "again"))).getFirst())
                .isEqualTo(new SequenceForgotten(2, 3));
        assertThat(driver.apply(1_000, withSession("client", 3, 3, put("k3", "again"))).getFirst())
                .isEqualTo(new Written(new KeyMetadata(0, 1, 3, 3, 0)));
        assertThat(driver.machine().revision()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sessionsOfDifferentClientsAreIndependent(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, withSession("one", 1, 0, put("a", "1")));

        Result other = driver.apply(1_000, withSession("two", 1, 0, put("a", "2"))).getFirst();

        assertThat(other).isEqualTo(new Written(new KeyMetadata(0, 2, 1, 2, 0)));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void idleSessionIsForgottenBySweep(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, withSession("idle", 1, 0, put("a", "1")));
        driver.apply(2_000, withSession("busy", 1, 0, put("b", "1")));

        assertThat(driver.machine().idleSessions(1_000 + IDLE_MILLIS - 1, 10)).isEmpty();
        assertThat(driver.machine().idleSessions(1_000 + IDLE_MILLIS, 10)).containsExactly(bytes("idle"));
        Result swept = driver.apply(1_000 + IDLE_MILLIS, sweepSessions("idle", "busy", "unknown"));

        assertThat(swept).isEqualTo(new Swept(0, 1));
        assertThat(driver.machine().revision()).isEqualTo(2);
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.SESSIONS))
                .extracting(StoreContents.Entry::key).containsExactly(bytes("busy"));
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.RESULTS))
                .extracting(StoreContents.Entry::key).containsExactly(SessionTable.resultKey(bytes("busy"), 1));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sessionHeardFromAfterLeaderLookedSurvivesSweep(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, withSession("client", 1, 0, put("a", "1")));
        long leaderLookedMillis = 1_000 + IDLE_MILLIS;
        List<Bytes> listed = driver.machine().idleSessions(leaderLookedMillis, 10);
        driver.apply(leaderLookedMillis, withSession("client", 2, 1, put("a", "2")));

        Result swept = driver.apply(leaderLookedMillis + 1, sweepSessions("client"));

        assertThat(listed).containsExactly(bytes("client"));
        assertThat(swept).isEqualTo(new Swept(0, 0));
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.SESSIONS)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void requestWithoutSessionKeepsNoSessionState(EngineKind kind) {
        MachineDriver driver = driver(kind);

        driver.apply(1_000, put("a", "1"));

        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.SESSIONS)).isEmpty();
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.RESULTS)).isEmpty();
    }
}
