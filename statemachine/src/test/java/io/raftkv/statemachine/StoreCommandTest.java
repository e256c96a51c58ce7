package io.raftkv.statemachine;

import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.Limits;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.core.command.Result.RejectReason;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Result.RevisionMismatch;
import io.raftkv.core.command.Result.Written;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.StoreMode;
import io.raftkv.core.query.QueryResult.CacheItem;
import io.raftkv.core.query.QueryResult.Found;
import io.raftkv.core.query.QueryResult.Missing;
import io.raftkv.storage.Keyspace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;

import static io.raftkv.statemachine.CacheRequests.invalidate;
import static io.raftkv.statemachine.CacheRequests.set;
import static io.raftkv.statemachine.CacheRequests.setWithTtl;
import static io.raftkv.statemachine.CacheRequests.store;
import static io.raftkv.statemachine.CacheRequests.storeIfModRevision;
import static io.raftkv.statemachine.CacheRequests.storeVivifying;
import static io.raftkv.statemachine.Requests.bytes;
import static io.raftkv.statemachine.Requests.put;
import static io.raftkv.statemachine.Requests.putWithTtl;
import static org.assertj.core.api.Assertions.assertThat;

class StoreCommandTest extends EngineTest {

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void setCreatesKeyWithFlagsAndTtl(EngineKind kind) {
        MachineDriver driver = driver(kind);

        Result result = driver.apply(1_000, setWithTtl("a", "1", -3, 500));

        KeyMetadata metadata = new KeyMetadata(-3, 1, 1, 1, 1_500);
        assertThat(result).isEqualTo(new Written(metadata));
        assertThat(driver.cacheItem("a")).contains(new CacheItem(
                new KeyValue(bytes("a"), bytes("1"), metadata), CacheMarks.NONE));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void setOverAStaleKeyReplacesItAndClearsTheMarks(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, setWithTtl("a", "1", 0, 500));
        driver.apply(1_000, invalidate("a"));

        Result result = driver.apply(1_000, setWithTtl("a", "2", 9, TtlMillis.NEVER));

        assertThat(result).isEqualTo(new Written(new KeyMetadata(9, 3, 1, 3, 0)));
        assertThat(driver.cacheItem("a")).hasValueSatisfying(item -> {
            assertThat(item.keyValue().value()).isEqualTo(bytes("2"));
            assertThat(item.marks()).isEqualTo(CacheMarks.NONE);
        });
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.EXPIRY)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void expiredTtlWritesARecordThatIsAlreadyGoneAndLeftForTheSweeper(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));

        Result result = driver.apply(2_000, setWithTtl("a", "2", 0, TtlMillis.EXPIRED));

        assertThat(result).isEqualTo(new Written(new KeyMetadata(0, 2, 1, 2, 2_000)));
        assertThat(driver.get("a")).isEqualTo(new Missing(2));
        assertThat(driver.machine().expiredKeys(2_000, 10)).containsExactly(bytes("a"));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void addOfALiveKeyIsARevisionMismatchAndChangesNothing(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Written current = (Written) driver.apply(put("a", "1"));
        List<StoreContents.Entry> before = StoreContents.withoutPosition(driver.machine().storage());

        Result result = driver.apply(store(StoreMode.ADD, "a", "2"));

        assertThat(result).isEqualTo(new RevisionMismatch(Optional.of(current.metadata())));
        assertThat(StoreContents.withoutPosition(driver.machine().storage())).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void addOfAMissingOrExpiredKeyCreatesIt(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("expired", "old", 100));

        Result missing = driver.apply(2_000, store(StoreMode.ADD, "a", "1"));
        Result expired = driver.apply(2_000, store(StoreMode.ADD, "expired", "new"));

        assertThat(missing).isEqualTo(new Written(new KeyMetadata(0, 1, 2, 2, 0)));
        assertThat(expired).isEqualTo(new Written(new KeyMetadata(0, 1, 3, 3, 0)));
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.EXPIRY)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void replaceWritesOnlyALiveKey(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "1"));

        Result missing = driver.apply(store(StoreMode.REPLACE, "b", "1"));
        Result replaced = driver.apply(store(StoreMode.REPLACE, "a", "2"));

        assertThat(missing).isEqualTo(new NotFound());
        assertThat(replaced).isEqualTo(new Written(new KeyMetadata(0, 2, 1, 2, 0)));
        assertThat(driver.get("b")).isEqualTo(new Missing(2));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void appendAndPrependKeepFlagsAndExpiryAndIgnoreTheTtl(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, setWithTtl("a", "mid", 7, 5_000));

        Result appended = driver.apply(2_000, new Store(bytes("a"), bytes("-end"), 1, TtlMillis.EXPIRED,
                StoreMode.APPEND, Store.NO_COMPARE, false, TtlMillis.NOT_GIVEN, Limits.VALUE_BYTES_MAX_DEFAULT));
        Result prepended = driver.apply(2_000, store(StoreMode.PREPEND, "a", "start-"));

        assertThat(appended).isEqualTo(new Written(new KeyMetadata(7, 2, 1, 2, 6_000)));
        assertThat(prepended).isEqualTo(new Written(new KeyMetadata(7, 3, 1, 3, 6_000)));
        assertThat(((Found) driver.get("a")).keyValue().value()).isEqualTo(bytes("start-mid-end"));
    }

    @ParameterizedTest
    @EnumSource(value = StoreMode.class, names = {"APPEND", "PREPEND"})
    void appendOrPrependToAMissingKeyIsNotFoundWithoutVivify(StoreMode mode) {
        MachineDriver driver = driver(EngineKind.MEMORY);

        assertThat(driver.apply(store(mode, "a", "x"))).isEqualTo(new NotFound());
        assertThat(driver.machine().revision()).isZero();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void appendWithVivifyCreatesTheKeyFromItsValueFlagsAndVivifyTtl(EngineKind kind) {
        MachineDriver driver = driver(kind);

        Result appended = driver.apply(1_000, storeVivifying(StoreMode.APPEND, "a", "x", 4, 300));
        Result prepended = driver.apply(1_000, storeVivifying(StoreMode.PREPEND, "b", "y", 5, TtlMillis.NEVER));

        assertThat(appended).isEqualTo(new Written(new KeyMetadata(4, 1, 1, 1, 1_300)));
        assertThat(prepended).isEqualTo(new Written(new KeyMetadata(5, 1, 2, 2, 0)));
        assertThat(((Found) driver.get("a")).keyValue().value()).isEqualTo(bytes("x"));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void appendPastTheValueLimitIsRejectedAndChangesNothing(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "abc"));
        List<StoreContents.Entry> before = StoreContents.withoutPosition(driver.machine().storage());

        Result result = driver.apply(new Store(bytes("a"), bytes("de"), 0, TtlMillis.NEVER, StoreMode.PREPEND,
                Store.NO_COMPARE, false, TtlMillis.NOT_GIVEN, 4));

        assertThat(result).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.VALUE_TOO_LARGE));
        assertThat(StoreContents.withoutPosition(driver.machine().storage())).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void compareOnAMissingKeyIsNotFoundEvenWithVivify(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Store vivifyingCompare = new Store(bytes("a"), bytes("x"), 0, TtlMillis.NEVER, StoreMode.APPEND, 1, false,
                TtlMillis.NEVER, Limits.VALUE_BYTES_MAX_DEFAULT);

        assertThat(driver.apply(storeIfModRevision(StoreMode.SET, "a", "1", 1, false))).isEqualTo(new NotFound());
        assertThat(driver.apply(vivifyingCompare)).isEqualTo(new NotFound());
        assertThat(driver.machine().revision()).isZero();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void compareWithTheCurrentRevisionStores(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Written first = (Written) driver.apply(put("a", "1"));

        Result result = driver.apply(storeIfModRevision(StoreMode.SET, "a", "2", first.metadata().modRevision(),
                false));

        assertThat(result).isEqualTo(new Written(new KeyMetadata(0, 2, 1, 2, 0)));
        assertThat(driver.cacheItem("a").orElseThrow().marks()).isEqualTo(CacheMarks.NONE);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void compareWithAnotherRevisionIsARevisionMismatch(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "1"));
        Written current = (Written) driver.apply(put("a", "2"));

        Result older = driver.apply(storeIfModRevision(StoreMode.SET, "a", "3", 1, false));
        Result newer = driver.apply(storeIfModRevision(StoreMode.APPEND, "a", "3", 5, true));

        assertThat(older).isEqualTo(new RevisionMismatch(Optional.of(current.metadata())));
        assertThat(newer).isEqualTo(new RevisionMismatch(Optional.of(current.metadata())));
        assertThat(driver.machine().revision()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void invalidateWithAnOlderRevisionStoresAndMarksTheKeyStale(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "1"));
        driver.apply(put("a", "2"));

        Result result = driver.apply(storeIfModRevision(StoreMode.SET, "a", "3", 1, true));

        assertThat(result).isEqualTo(new Written(new KeyMetadata(0, 3, 1, 3, 0)));
        assertThat(driver.cacheItem("a")).hasValueSatisfying(item -> {
            assertThat(item.keyValue().value()).isEqualTo(bytes("3"));
            assertThat(item.marks()).isEqualTo(new CacheMarks(true, false));
        });
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void storeOfAnEmptyValueIsAllowed(EngineKind kind) {
        MachineDriver driver = driver(kind);

        assertThat(driver.apply(set("a", ""))).isEqualTo(new Written(new KeyMetadata(0, 1, 1, 1, 0)));
        assertThat(((Found) driver.get("a")).keyValue().value()).isEqualTo(bytes(""));
    }
}
