package io.raftkv.statemachine;

import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.Arithmetic.Direction;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.Counted;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.core.command.Result.RejectReason;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Result.RevisionMismatch;
import io.raftkv.core.command.Result.Written;
import io.raftkv.core.command.Store;
import io.raftkv.core.query.QueryResult.Found;
import io.raftkv.core.query.QueryResult.Missing;
import io.raftkv.storage.Keyspace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static io.raftkv.statemachine.CacheRequests.decrement;
import static io.raftkv.statemachine.CacheRequests.increment;
import static io.raftkv.statemachine.CacheRequests.invalidate;
import static io.raftkv.statemachine.CacheRequests.setWithTtl;
import static io.raftkv.statemachine.Requests.bytes;
import static io.raftkv.statemachine.Requests.put;
import static io.raftkv.statemachine.Requests.putWithTtl;
import static org.assertj.core.api.Assertions.assertThat;

class ArithmeticCommandTest extends EngineTest {
    private static final String UNSIGNED_MAX = "18446744073709551615";

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void incrementAddsAndStoresPlainDigitsKeepingFlagsAndExpiry(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, setWithTtl("n", "10", 6, 5_000));

        Result result = driver.apply(2_000, increment("n", 5));

        assertThat(result).isEqualTo(new Counted(new KeyMetadata(6, 2, 1, 2, 6_000), 15));
        assertThat(value(driver, "n")).isEqualTo("15");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void incrementWrapsAroundAtTwoToTheSixtyFour(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("n", UNSIGNED_MAX));

        Counted counted = (Counted) driver.apply(increment("n", 2));

        assertThat(counted.value()).isEqualTo(1);
        assertThat(value(driver, "n")).isEqualTo("1");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void decrementStopsAtZero(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "5"));
        driver.apply(put("b", "5"));

        Counted below = (Counted) driver.apply(decrement("a", 10));
        Counted exact = (Counted) driver.apply(decrement("b", 5));

        assertThat(List.of(below.value(), exact.value())).containsExactly(0L, 0L);
        assertThat(value(driver, "a")).isEqualTo("0");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void decrementComparesAsUnsigned(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("n", UNSIGNED_MAX));

        Counted counted = (Counted) driver.apply(decrement("n", 1));

        assertThat(Long.toUnsignedString(counted.value())).isEqualTo("18446744073709551614");
        assertThat(value(driver, "n")).isEqualTo("18446744073709551614");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void digitsFollowedBySpacesAreANumberAndAreStoredWithoutThem(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("n", "12  "));

        assertThat(((Counted) driver.apply(increment("n", 1))).value()).isEqualTo(13);
        assertThat(value(driver, "n")).isEqualTo("13");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "+1", " 1", "1a", "1 2", "1.5", "18446744073709551616",
            "000000000000000000001"})
    void aValueThatIsNotAnUnsignedNumberIsRejectedAndChangesNothing(String value) {
        MachineDriver driver = driver(EngineKind.MEMORY);
        driver.apply(put("n", value));
        List<StoreContents.Entry> before = StoreContents.withoutPosition(driver.machine().storage());

        Result result = driver.apply(increment("n", 1));

        assertThat(result).isEqualTo(new Rejected(RejectReason.NOT_A_NUMBER,
                "cannot increment or decrement non-numeric value"));
        assertThat(StoreContents.withoutPosition(driver.machine().storage())).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "007", UNSIGNED_MAX, "18446744073709551615 "})
    void everyUnsignedSixtyFourBitDecimalIsANumber(String value) {
        MachineDriver driver = driver(EngineKind.MEMORY);
        driver.apply(put("n", value));

        assertThat(driver.apply(decrement("n", 0))).isInstanceOf(Counted.class);
        assertThat(value(driver, "n")).isEqualTo(Long.toUnsignedString(Long.parseUnsignedLong(value.strip())));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aMissingKeyIsNotFoundWithoutVivify(EngineKind kind) {
        MachineDriver driver = driver(kind);

        assertThat(driver.apply(increment("n", 1))).isEqualTo(new NotFound());
        assertThat(driver.machine().revision()).isZero();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void vivifyCreatesTheInitialValueUntouchedByTheDelta(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("n", "99", 100));
        Arithmetic vivifying = new Arithmetic(bytes("n"), Direction.INCREMENT, 5, Store.NO_COMPARE, 3_000, -1,
                TtlMillis.NOT_GIVEN);

        Result result = driver.apply(2_000, vivifying);

        assertThat(result).isEqualTo(new Counted(new KeyMetadata(0, 1, 2, 2, 5_000), -1));
        assertThat(value(driver, "n")).isEqualTo(UNSIGNED_MAX);
        // The expired record's index entry went with it; only the new expiry is indexed.
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.EXPIRY))
                .extracting(StoreContents.Entry::key).containsExactly(ExpiryIndex.entryKey(5_000, bytes("n")));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void compareFailsOnAnotherRevisionAndSucceedsOnTheCurrentOne(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Written current = (Written) driver.apply(put("n", "1"));

        Result mismatch = driver.apply(compared("n", 7));
        Result counted = driver.apply(compared("n", current.metadata().modRevision()));

        assertThat(mismatch).isEqualTo(new RevisionMismatch(Optional.of(current.metadata())));
        assertThat(counted).isEqualTo(new Counted(new KeyMetadata(0, 2, 1, 2, 0), 2));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aGivenTtlReplacesTheExpiryAndAnExpiredOneRemovesTheKey(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));
        driver.apply(1_000, put("b", "1"));

        Counted refreshed = (Counted) driver.apply(2_000, withTtl("a", 500));
        Counted expired = (Counted) driver.apply(2_000, withTtl("b", TtlMillis.EXPIRED));

        assertThat(refreshed.metadata().expiresAtMillis()).isEqualTo(2_500);
        assertThat(expired.metadata().expiresAtMillis()).isEqualTo(2_000);
        assertThat(driver.get("b")).isEqualTo(new Missing(4));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void arithmeticClearsTheCacheMarks(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("n", "1"));
        driver.apply(invalidate("n"));

        driver.apply(increment("n", 1));

        assertThat(driver.cacheItem("n").orElseThrow().marks()).isEqualTo(CacheMarks.NONE);
    }

    private static Arithmetic compared(String key, long compareRevision) {
        return new Arithmetic(bytes(key), Direction.INCREMENT, 1, compareRevision, TtlMillis.NOT_GIVEN, 0,
                TtlMillis.NOT_GIVEN);
    }

    private static Arithmetic withTtl(String key, long ttlMillis) {
        return new Arithmetic(bytes(key), Direction.INCREMENT, 1, Store.NO_COMPARE, TtlMillis.NOT_GIVEN, 0,
                ttlMillis);
    }

    private static String value(MachineDriver driver, String key) {
        return ((Found) driver.get(key)).keyValue().value().asUtf8().orElseThrow();
    }
}
