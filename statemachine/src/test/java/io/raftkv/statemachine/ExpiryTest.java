package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Sweep;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.core.command.Result.RevisionMismatch;
import io.raftkv.core.command.Result.Swept;
import io.raftkv.core.command.Result.Written;
import io.raftkv.core.query.QueryResult;
import io.raftkv.core.query.QueryResult.Found;
import io.raftkv.core.query.QueryResult.Missing;
import io.raftkv.core.query.QueryResult.RangeResult;
import io.raftkv.core.query.Range;
import io.raftkv.storage.Keyspace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;

import static io.raftkv.statemachine.Requests.append;
import static io.raftkv.statemachine.Requests.appendWithTtl;
import static io.raftkv.statemachine.Requests.bytes;
import static io.raftkv.statemachine.Requests.delete;
import static io.raftkv.statemachine.Requests.put;
import static io.raftkv.statemachine.Requests.putIfModRevision;
import static io.raftkv.statemachine.Requests.putWithTtl;
import static io.raftkv.statemachine.Requests.sweepKeys;
import static org.assertj.core.api.Assertions.assertThat;

class ExpiryTest extends EngineTest {

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void ttlExpiresAtLeaderStampPlusTtl(EngineKind kind) {
        MachineDriver driver = driver(kind);

        Written written = (Written) driver.apply(10_000, putWithTtl("a", "1", 5_000));
        driver.apply(14_999, put("clock", "tick"));
        QueryResult beforeExpiry = driver.get("a");
        driver.apply(15_000, put("clock", "tock"));

        assertThat(written.metadata().expiresAtMillis()).isEqualTo(15_000);
        assertThat(beforeExpiry).isInstanceOf(Found.class);
        assertThat(driver.get("a")).isEqualTo(new Missing(3));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void expiredKeyIsAbsentBeforeSweep(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 100));
        driver.apply(1_100, put("z", "clock"));

        assertThat(driver.get("a")).isEqualTo(new Missing(2));
        assertThat(driver.machine().query(new Range(bytes("a"), Optional.empty(), 10, false, false)))
                .isInstanceOfSatisfying(RangeResult.class,
                        range -> assertThat(range.keyValues()).extracting(kv -> kv.key()).containsExactly(bytes("z")));
        assertThat(driver.apply(append("a", "x"))).isEqualTo(new NotFound());
        assertThat(driver.apply(delete("a"))).isEqualTo(new NotFound());
        assertThat(driver.apply(putIfModRevision("a", "x", 1))).isEqualTo(new RevisionMismatch(Optional.empty()));
        assertThat(driver.machine().revision()).isEqualTo(2);
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.DATA)).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void writeOverExpiredKeyCreatesItAnewAndDropsOldExpiryEntry(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 100));
        driver.apply(1_000, append("a", "2"));

        Result result = driver.apply(2_000, putIfModRevision("a", "new", Put.IF_ABSENT));

        assertThat(result).isEqualTo(new Written(new KeyMetadata(0, 1, 3, 3, 0)));
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.EXPIRY)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void clusterTimeNeverGoesBackwards(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(5_000, put("a", "1"));

        Written written = (Written) driver.apply(3_000, putWithTtl("b", "1", 1_000));

        assertThat(driver.machine().clusterTimeMillis()).isEqualTo(5_000);
        assertThat(written.metadata().expiresAtMillis()).isEqualTo(6_000);
        driver.apply(7_000, put("c", "1"));
        assertThat(driver.machine().clusterTimeMillis()).isEqualTo(7_000);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void putWithoutTtlClearsExpiry(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 100));

        Written written = (Written) driver.apply(1_050, put("a", "2"));

        assertThat(written.metadata().expiresAtMillis()).isEqualTo(KeyMetadata.NEVER_EXPIRES);
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.EXPIRY)).isEmpty();
        driver.apply(5_000, put("clock", "tick"));
        assertThat(driver.get("a")).isInstanceOf(Found.class);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void appendKeepsExpiryUnlessGivenTtl(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 100));

        Written kept = (Written) driver.apply(1_010, append("a", "2"));
        Written replaced = (Written) driver.apply(1_020, appendWithTtl("a", "3", 500));

        assertThat(kept.metadata().expiresAtMillis()).isEqualTo(1_100);
        assertThat(replaced.metadata().expiresAtMillis()).isEqualTo(1_520);
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.EXPIRY))
                .containsExactly(new StoreContents.Entry(Keyspace.EXPIRY, ExpiryIndex.entryKey(1_520, bytes("a")),
                        bytes("")));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void appendOfNothingWithTtlRefreshesExpiryAsAChange(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 100));

        Written refreshed = (Written) driver.apply(1_090, appendWithTtl("a", "", 100));

        assertThat(refreshed.metadata()).isEqualTo(new KeyMetadata(0, 2, 1, 2, 1_190));
        driver.apply(1_150, put("clock", "tick"));
        assertThat(driver.get("a")).isInstanceOf(Found.class);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sweepDeletesOnlyExpiredKeysAndCountsOneRevision(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 100));
        driver.apply(1_000, putWithTtl("b", "1", 200));
        driver.apply(1_000, putWithTtl("live", "1", 10_000));

        Result swept = driver.apply(1_500, sweepKeys("a", "b", "live", "missing"));

        assertThat(swept).isEqualTo(new Swept(2, 0));
        assertThat(driver.machine().revision()).isEqualTo(4);
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.DATA))
                .extracting(StoreContents.Entry::key).containsExactly(bytes("live"));
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.EXPIRY))
                .extracting(StoreContents.Entry::key).containsExactly(ExpiryIndex.entryKey(11_000, bytes("live")));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sweepLeavesKeyRewrittenAfterLeaderLooked(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 100));
        driver.apply(1_200, put("clock", "tick"));
        List<Bytes> listed = driver.machine().expiredKeys(1_200, 10);
        driver.apply(1_210, put("a", "again"));

        Result swept = driver.apply(1_220, new Sweep(listed, List.of()));

        assertThat(listed).containsExactly(bytes("a"));
        assertThat(swept).isEqualTo(new Swept(0, 0));
        assertThat(driver.machine().revision()).isEqualTo(3);
        assertThat(driver.get("a")).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.keyValue().value()).isEqualTo(bytes("again")));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void expiredKeysListsOldestFirstUpToMax(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 300));
        driver.apply(1_000, putWithTtl("b", "1", 100));
        driver.apply(1_000, putWithTtl("c", "1", 200));
        driver.apply(1_000, put("never", "1"));

        assertThat(driver.machine().expiredKeys(1_250, 10)).containsExactly(bytes("b"), bytes("c"));
        assertThat(driver.machine().expiredKeys(1_100, 10)).containsExactly(bytes("b"));
        assertThat(driver.machine().expiredKeys(9_999, 2)).containsExactly(bytes("b"), bytes("c"));
        assertThat(driver.machine().expiredKeys(1_099, 10)).isEmpty();
    }
}
