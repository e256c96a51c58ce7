package io.raftkv.statemachine;

import io.raftkv.core.command.Announce;
import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.MemberAddresses;
import io.raftkv.core.query.QueryResult;
import io.raftkv.storage.Keyspace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.raftkv.statemachine.Requests.put;
import static io.raftkv.statemachine.Requests.putWithTtl;
import static io.raftkv.statemachine.Requests.withSession;
import static org.assertj.core.api.Assertions.assertThat;

/** A store restored for a new cluster: data and revision kept, the old cluster's position and records gone. */
class NewClusterRebaseTest extends EngineTest {

    /** Keys, a TTL'd key, a delayed flush, an announced member and a client session with a remembered result. */
    private static MachineDriver oldCluster(MachineDriver driver) {
        driver.apply(1_000, put("a", "1"));
        driver.apply(1_000, put("b", "2"));
        driver.apply(1_500, putWithTtl("expiring", "3", 60_000));
        driver.apply(2_000, withSession("client", 1, 0, put("a", "4")));
        driver.apply(2_000, new Announce("n1", "127.0.0.1:8081"));
        driver.apply(2_500, new FlushAll(3_600_000));
        return driver;
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void keepsEveryKeyTheRevisionTheClusterTimeAndTheFlushState(EngineKind kind) {
        MachineDriver driver = oldCluster(driver(kind));
        KvStateMachine before = driver.machine();
        List<StoreContents.Entry> data = StoreContents.in(before.storage(), Keyspace.DATA);
        List<StoreContents.Entry> expiry = StoreContents.in(before.storage(), Keyspace.EXPIRY);
        long flushPendingAtMillis = before.flushPendingAtMillis();

        NewClusterRebase.Rebased rebased = NewClusterRebase.apply(before.storage());

        KvStateMachine after = new KvStateMachine(before.storage(), KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
        assertThat(rebased.revision()).isEqualTo(4).isEqualTo(after.revision());
        assertThat(rebased.clusterTimeMillis()).isEqualTo(2_500).isEqualTo(after.clusterTimeMillis());
        assertThat(after.flushPendingAtMillis()).isEqualTo(flushPendingAtMillis).isPositive();
        assertThat(StoreContents.in(after.storage(), Keyspace.DATA)).isEqualTo(data).hasSize(3);
        assertThat(StoreContents.in(after.storage(), Keyspace.EXPIRY)).isEqualTo(expiry).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theNewLogStartsFromAFreshPositionAndNewWritesGetHigherRevisions(EngineKind kind) {
        MachineDriver driver = oldCluster(driver(kind));
        NewClusterRebase.apply(driver.machine().storage());

        MachineDriver restored = new MachineDriver(driver.machine().storage());
        assertThat(restored.machine().appliedIndex()).isZero();
        assertThat(restored.machine().appliedTerm()).isZero();
        Result written = restored.apply(3_000, put("c", "5"));

        assertThat(restored.machine().appliedIndex()).as("the new log's first entry applied").isEqualTo(1);
        assertThat(written).isInstanceOfSatisfying(Result.Written.class,
                result -> assertThat(result.metadata().modRevision()).isEqualTo(5));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void dropsTheOldClustersMembersSessionsAndResults(EngineKind kind) {
        MachineDriver driver = oldCluster(driver(kind));
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.SESSIONS)).isNotEmpty();
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.RESULTS)).isNotEmpty();

        NewClusterRebase.Rebased rebased = NewClusterRebase.apply(driver.machine().storage());

        assertThat(rebased.metaRecordsDropped()).as("the announced member").isEqualTo(1);
        assertThat(rebased.sessionRecordsDropped()).as("one session, one result").isEqualTo(2);
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.SESSIONS)).isEmpty();
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.RESULTS)).isEmpty();
        assertThat(driver.machine().query(new MemberAddresses())).isInstanceOfSatisfying(QueryResult.Addresses.class,
                addresses -> assertThat(addresses.httpAddressByNode()).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void anEmptyStoreBecomesAnEmptyStoreAtRevisionZero(EngineKind kind) {
        MachineDriver driver = driver(kind);

        NewClusterRebase.Rebased rebased = NewClusterRebase.apply(driver.machine().storage());

        assertThat(rebased).isEqualTo(new NewClusterRebase.Rebased(0, 0, 0, 0));
        assertThat(new KvStateMachine(driver.machine().storage(), 1).revision()).isZero();
    }
}
