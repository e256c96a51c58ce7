package io.raftkv.statemachine;

import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.CompareDelete;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.Deleted;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.core.command.Result.RevisionMismatch;
import io.raftkv.core.command.Result.Written;
import io.raftkv.core.command.Store;
import io.raftkv.core.query.QueryResult.CacheItem;
import io.raftkv.core.query.QueryResult.Missing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;

import static io.raftkv.statemachine.CacheRequests.compareDelete;
import static io.raftkv.statemachine.CacheRequests.invalidate;
import static io.raftkv.statemachine.CacheRequests.setWithTtl;
import static io.raftkv.statemachine.Requests.bytes;
import static io.raftkv.statemachine.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;

class CompareDeleteCommandTest extends EngineTest {

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void withoutFlagsItDeletesTheKey(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Written written = (Written) driver.apply(put("a", "1"));

        Result result = driver.apply(compareDelete("a", Store.NO_COMPARE));

        assertThat(result).isEqualTo(new Deleted(2, written.metadata()));
        assertThat(driver.get("a")).isEqualTo(new Missing(2));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aMissingKeyIsNotFound(EngineKind kind) {
        MachineDriver driver = driver(kind);

        assertThat(driver.apply(compareDelete("a", Store.NO_COMPARE))).isEqualTo(new NotFound());
        assertThat(driver.apply(compareDelete("a", 3))).isEqualTo(new NotFound());
        assertThat(driver.apply(invalidate("a"))).isEqualTo(new NotFound());
        assertThat(driver.machine().revision()).isZero();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aCompareWithAnotherRevisionIsAMismatchAndChangesNothing(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Written written = (Written) driver.apply(put("a", "1"));
        List<StoreContents.Entry> before = StoreContents.withoutPosition(driver.machine().storage());

        Result older = driver.apply(compareDelete("a", 0));
        Result invalidating = driver.apply(new CompareDelete(bytes("a"), 2, true, TtlMillis.NOT_GIVEN, false));

        assertThat(older).isEqualTo(new RevisionMismatch(Optional.of(written.metadata())));
        assertThat(invalidating).isEqualTo(new RevisionMismatch(Optional.of(written.metadata())));
        assertThat(StoreContents.withoutPosition(driver.machine().storage())).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aCompareWithTheCurrentRevisionDeletes(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Written written = (Written) driver.apply(put("a", "1"));

        Result result = driver.apply(compareDelete("a", written.metadata().modRevision()));

        assertThat(result).isEqualTo(new Deleted(2, written.metadata()));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void markStaleKeepsTheValueAndExpiryAndTakesARevision(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, setWithTtl("a", "1", 3, 5_000));

        Result result = driver.apply(2_000, invalidate("a"));

        KeyMetadata metadata = new KeyMetadata(3, 2, 1, 2, 6_000);
        assertThat(result).isEqualTo(new Written(metadata));
        assertThat(driver.cacheItem("a")).contains(new CacheItem(
                new KeyValue(bytes("a"), bytes("1"), metadata), new CacheMarks(true, false)));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void markStaleWithATtlReplacesTheExpiry(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));

        Written written = (Written) driver.apply(2_000,
                new CompareDelete(bytes("a"), Store.NO_COMPARE, true, 30_000, false));

        assertThat(written.metadata().expiresAtMillis()).isEqualTo(32_000);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void markStaleWithClearValueLeavesAnEmptyStaleKey(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "1"));

        driver.apply(new CompareDelete(bytes("a"), Store.NO_COMPARE, true, TtlMillis.NOT_GIVEN, true));

        CacheItem item = driver.cacheItem("a").orElseThrow();
        assertThat(item.keyValue().value()).isEqualTo(bytes(""));
        assertThat(item.marks()).isEqualTo(new CacheMarks(true, false));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void clearValueAloneEmptiesTheKeyKeepsFlagsAndExpiryAndIgnoresTheStaleTtl(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, setWithTtl("a", "1", 3, 5_000));
        driver.apply(1_000, invalidate("a"));

        Result result = driver.apply(2_000, new CompareDelete(bytes("a"), Store.NO_COMPARE, false, 1, true));

        KeyMetadata metadata = new KeyMetadata(3, 3, 1, 3, 6_000);
        assertThat(result).isEqualTo(new Written(metadata));
        assertThat(driver.cacheItem("a")).contains(new CacheItem(
                new KeyValue(bytes("a"), bytes(""), metadata), CacheMarks.NONE));
    }
}
