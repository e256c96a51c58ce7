package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.Fetched;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.storage.Keyspace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.raftkv.statemachine.CacheRequests.fetch;
import static io.raftkv.statemachine.CacheRequests.fetchRecachingBelow;
import static io.raftkv.statemachine.CacheRequests.fetchVivifying;
import static io.raftkv.statemachine.CacheRequests.invalidate;
import static io.raftkv.statemachine.CacheRequests.set;
import static io.raftkv.statemachine.CacheRequests.touch;
import static io.raftkv.statemachine.Requests.bytes;
import static io.raftkv.statemachine.Requests.put;
import static io.raftkv.statemachine.Requests.putWithTtl;
import static org.assertj.core.api.Assertions.assertThat;

class FetchCommandTest extends EngineTest {
    private static final CacheMarks CLAIMED = new CacheMarks(false, true);
    private static final CacheMarks STALE = new CacheMarks(true, false);
    private static final CacheMarks STALE_CLAIMED = new CacheMarks(true, true);

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aMissWithoutVivifyIsNotFoundAndChangesNothing(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("other", "1"));
        List<StoreContents.Entry> before = StoreContents.withoutPosition(driver.machine().storage());

        assertThat(driver.apply(touch("a", 1_000))).isEqualTo(new NotFound());
        assertThat(StoreContents.withoutPosition(driver.machine().storage())).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void vivifyCreatesAnEmptyClaimedKeyAndTheCallerWins(EngineKind kind) {
        MachineDriver driver = driver(kind);

        Result result = driver.apply(1_000, fetchVivifying("a", 30_000));

        KeyMetadata metadata = new KeyMetadata(0, 1, 1, 1, 31_000);
        assertThat(result).isEqualTo(new Fetched(new KeyValue(bytes("a"), Bytes.EMPTY, metadata), CLAIMED, true));
        assertThat(driver.machine().revision()).isEqualTo(1);
        assertThat(driver.cacheItem("a").orElseThrow().marks()).isEqualTo(CLAIMED);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aFetchAfterVivifyIsToldAnotherCallerWon(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, fetchVivifying("a", 30_000));

        Fetched second = (Fetched) driver.apply(1_000, fetchVivifying("a", 30_000));

        assertThat(second.won()).isFalse();
        assertThat(second.marks()).isEqualTo(CLAIMED);
        assertThat(driver.machine().revision()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aPlainHitReturnsTheKeyAndChangesNothing(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 5_000));
        List<StoreContents.Entry> before = StoreContents.withoutPosition(driver.machine().storage());

        Result result = driver.apply(2_000, fetch("a"));

        assertThat(result).isEqualTo(new Fetched(new KeyValue(bytes("a"), bytes("1"),
                new KeyMetadata(0, 1, 1, 1, 6_000)), CacheMarks.NONE, false));
        assertThat(StoreContents.withoutPosition(driver.machine().storage())).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void touchSetsANewExpiryAndKeepsRevisionsAndVersion(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 5_000));

        Fetched touched = (Fetched) driver.apply(2_000, touch("a", 10_000));

        assertThat(touched.keyValue().metadata()).isEqualTo(new KeyMetadata(0, 1, 1, 1, 12_000));
        assertThat(driver.machine().revision()).isEqualTo(1);
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.EXPIRY))
                .extracting(StoreContents.Entry::key).containsExactly(ExpiryIndex.entryKey(12_000, bytes("a")));
        driver.apply(8_000, put("clock", "tick"));
        assertThat(driver.cacheItem("a")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void touchWithNeverClearsTheExpiryAndWithExpiredRemovesTheKey(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 5_000));
        driver.apply(1_000, putWithTtl("b", "1", 5_000));

        Fetched never = (Fetched) driver.apply(2_000, touch("a", TtlMillis.NEVER));
        Fetched expired = (Fetched) driver.apply(2_000, touch("b", TtlMillis.EXPIRED));

        assertThat(never.keyValue().metadata().expires()).isFalse();
        assertThat(expired.keyValue().metadata().expiresAtMillis()).isEqualTo(2_000);
        assertThat(driver.cacheItem("b")).isEmpty();
        assertThat(driver.machine().expiredKeys(2_000, 10)).containsExactly(bytes("b"));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aShortRemainingTtlWinsTheRecacheOnceWithoutTakingARevision(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 10_000));

        Fetched first = (Fetched) driver.apply(5_000, fetchRecachingBelow("a", 6_001));
        Fetched second = (Fetched) driver.apply(5_000, fetchRecachingBelow("a", 6_001));

        assertThat(first.won()).isTrue();
        assertThat(first.marks()).isEqualTo(CLAIMED);
        assertThat(second.won()).isFalse();
        assertThat(second.marks()).isEqualTo(CLAIMED);
        assertThat(second.keyValue().metadata()).isEqualTo(new KeyMetadata(0, 1, 1, 1, 11_000));
        assertThat(driver.machine().revision()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aLongRemainingTtlOrNoExpiryDoesNotWin(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 10_000));
        driver.apply(1_000, put("b", "1"));

        Fetched exactlyAtTheThreshold = (Fetched) driver.apply(5_000, fetchRecachingBelow("a", 6_000));
        Fetched neverExpires = (Fetched) driver.apply(5_000, fetchRecachingBelow("b", RequestValidator.TTL_MILLIS_MAX));

        assertThat(exactlyAtTheThreshold.won()).isFalse();
        assertThat(neverExpires.won()).isFalse();
        assertThat(driver.cacheItem("a").orElseThrow().marks()).isEqualTo(CacheMarks.NONE);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theRecacheCheckJudgesTheExpiryAfterTheTouch(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 1_000));

        Fetched touched = (Fetched) driver.apply(1_500, new Fetch(bytes("a"), 60_000, TtlMillis.NOT_GIVEN, 5_000));

        assertThat(touched.won()).isFalse();
        assertThat(touched.keyValue().metadata().expiresAtMillis()).isEqualTo(61_500);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aStaleKeyWinsOnceAndStaysStale(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "1"));
        driver.apply(invalidate("a"));

        Fetched first = (Fetched) driver.apply(fetch("a"));
        Fetched second = (Fetched) driver.apply(fetch("a"));

        assertThat(first.won()).isTrue();
        assertThat(first.marks()).isEqualTo(STALE_CLAIMED);
        assertThat(first.keyValue().value()).isEqualTo(bytes("1"));
        assertThat(second.won()).isFalse();
        assertThat(second.marks()).isEqualTo(STALE_CLAIMED);
        assertThat(driver.machine().revision()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aWriteEndsTheClaimSoTheNextStaleMarkCanBeWonAgain(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "1"));
        driver.apply(invalidate("a"));
        driver.apply(fetch("a"));

        driver.apply(set("a", "2"));
        Fetched afterWrite = (Fetched) driver.apply(fetch("a"));
        driver.apply(invalidate("a"));
        Fetched afterNewStaleMark = (Fetched) driver.apply(fetch("a"));

        assertThat(afterWrite.marks()).isEqualTo(CacheMarks.NONE);
        assertThat(afterWrite.won()).isFalse();
        assertThat(afterNewStaleMark.won()).isTrue();
        assertThat(driver.cacheItem("a").orElseThrow().marks()).isEqualTo(STALE_CLAIMED);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void anInvalidatedKeyIsStaleAndUnclaimedBeforeAnyFetch(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "1"));

        driver.apply(invalidate("a"));

        assertThat(driver.cacheItem("a").orElseThrow().marks()).isEqualTo(STALE);
    }
}
