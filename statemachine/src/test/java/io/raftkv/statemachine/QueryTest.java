package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.Limits;
import io.raftkv.core.command.Announce;
import io.raftkv.core.command.Request;
import io.raftkv.core.query.MemberAddresses;
import io.raftkv.core.query.QueryResult.Addresses;
import io.raftkv.core.query.QueryResult.Found;
import io.raftkv.core.query.QueryResult.Missing;
import io.raftkv.core.query.QueryResult.RangeResult;
import io.raftkv.core.query.Range;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.raftkv.statemachine.Requests.bytes;
import static io.raftkv.statemachine.Requests.put;
import static io.raftkv.statemachine.Requests.putWithTtl;
import static org.assertj.core.api.Assertions.assertThat;

class QueryTest extends EngineTest {

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void getReturnsValueMetadataAndStoreRevision(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));
        driver.apply(1_000, put("b", "2"));

        assertThat(driver.get("a")).isEqualTo(new Found(2, new KeyValue(bytes("a"), bytes("1"),
                new KeyMetadata(0, 1, 1, 1, 0))));
        assertThat(driver.get("c")).isEqualTo(new Missing(2));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void rangeHonoursLimitCountAndKeysOnly(EngineKind kind) {
        MachineDriver driver = fiveUserKeysAndOthers(kind);

        RangeResult limited = range(driver, Range.prefix(bytes("user/"), 2, false, false));
        RangeResult keysOnly = range(driver, Range.prefix(bytes("user/"), 10, true, false));
        RangeResult countOnly = range(driver, Range.prefix(bytes("user/"), 10, false, true));

        assertThat(limited.keyValues()).extracting(KeyValue::key).containsExactly(bytes("user/1"), bytes("user/2"));
        assertThat(limited.keyValues()).extracting(KeyValue::value).containsExactly(bytes("v1"), bytes("v2"));
        assertThat(limited.count()).isEqualTo(5);
        assertThat(limited.more()).isTrue();
        assertThat(keysOnly.keyValues()).hasSize(5).allSatisfy(kv -> assertThat(kv.value()).isEqualTo(Bytes.EMPTY));
        assertThat(keysOnly.more()).isFalse();
        assertThat(countOnly.keyValues()).isEmpty();
        assertThat(countOnly.count()).isEqualTo(5);
        assertThat(limited.revision()).isEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void rangeIsHalfOpenInByteOrder(EngineKind kind) {
        MachineDriver driver = fiveUserKeysAndOthers(kind);

        RangeResult result = range(driver, new Range(bytes("user/2"), Optional.of(bytes("user/4")), 10, true, false));
        RangeResult toTheEnd = range(driver, new Range(bytes("user/5"), Optional.empty(), 10, true, false));

        assertThat(result.keyValues()).extracting(KeyValue::key).containsExactly(bytes("user/2"), bytes("user/3"));
        assertThat(toTheEnd.keyValues()).extracting(KeyValue::key).containsExactly(bytes("user/5"), bytes("zzz"));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void rangeLimitIsCappedAtTheRangeLimitMax(EngineKind kind) {
        MachineDriver driver = driver(kind);
        int keyCount = Limits.DEFAULT.rangeLimitMax() + 5;
        driver.apply(1_000, IntStream.range(0, keyCount)
                .mapToObj(index -> Request.of(put(String.format("k%06d", index), ""))).toArray(Request[]::new));

        RangeResult result = range(driver, new Range(bytes("k"), Optional.empty(), Integer.MAX_VALUE, true, false));

        assertThat(result.keyValues()).hasSize(Limits.DEFAULT.rangeLimitMax());
        assertThat(result.count()).isEqualTo(keyCount);
        assertThat(result.more()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void rangeStopsAtTheRangeBytesMaxAndPagesOnWithoutGaps(EngineKind kind) {
        MachineDriver driver = driver(kind);
        String quarterOfTheBudget = "v".repeat(Limits.RANGE_BYTES_MAX / 4);
        for (int index = 0; index < 6; index++) {
            driver.apply(1_000, put("big/" + index, quarterOfTheBudget));
        }

        RangeResult first = range(driver, Range.prefix(bytes("big/"), 100, false, false));
        RangeResult keysOnly = range(driver, Range.prefix(bytes("big/"), 100, true, false));
        RangeResult second = range(driver, new Range(bytes("big/3"), bytes("big/").prefixEnd(), 100, false, false));

        // Each key and value is a little over a quarter of the budget, so three fit and the fourth does not.
        assertThat(first.keyValues()).extracting(KeyValue::key)
                .containsExactly(bytes("big/0"), bytes("big/1"), bytes("big/2"));
        assertThat(first.count()).isEqualTo(6);
        assertThat(first.more()).isTrue();
        assertThat(keysOnly.keyValues()).hasSize(6);
        assertThat(second.keyValues()).extracting(KeyValue::key)
                .containsExactly(bytes("big/3"), bytes("big/4"), bytes("big/5"));
        assertThat(second.more()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void rangeReturnsOneValueLargerThanTheRangeBytesMax(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("huge", "v".repeat(Limits.RANGE_BYTES_MAX + 1)));
        driver.apply(1_000, put("next", "v"));

        RangeResult result = range(driver, new Range(bytes("a"), Optional.empty(), 10, false, false));

        assertThat(result.keyValues()).extracting(KeyValue::key).containsExactly(bytes("huge"));
        assertThat(result.more()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void rangeSkipsExpiredKeysInListAndCount(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 100));
        driver.apply(1_000, put("b", "1"));
        driver.apply(1_100, put("c", "1"));

        RangeResult result = range(driver, new Range(bytes("a"), Optional.empty(), 10, true, false));

        assertThat(result.keyValues()).extracting(KeyValue::key).containsExactly(bytes("b"), bytes("c"));
        assertThat(result.count()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void memberAddressesReturnsLatestAnnouncements(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, new Announce("n1", "127.0.0.1:8081"));
        driver.apply(1_000, new Announce("n2", "127.0.0.1:8082"));
        driver.apply(1_000, new Announce("n1", "127.0.0.1:9091"));

        assertThat(driver.machine().query(new MemberAddresses()))
                .isEqualTo(new Addresses(0, Map.of("n1", "127.0.0.1:9091", "n2", "127.0.0.1:8082")));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void memberAddressesInMemoryFollowEveryAnnouncement(EngineKind kind) {
        MachineDriver driver = driver(kind);
        assertThat(driver.machine().memberHttpAddresses()).isEmpty();

        driver.apply(1_000, new Announce("n1", "127.0.0.1:8081"));
        driver.apply(1_000, put("a", "1"));
        driver.apply(1_000, new Announce("n1", "127.0.0.1:9091"));

        assertThat(driver.machine().memberHttpAddresses()).isEqualTo(Map.of("n1", "127.0.0.1:9091"))
                .isEqualTo(driver.machine().query(new MemberAddresses()).httpAddressByNode());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void memberAddressesInMemoryAreLoadedAtStartAndAfterARestore(EngineKind kind) throws IOException {
        MachineDriver source = driver(kind);
        source.apply(1_000, new Announce("n2", "127.0.0.1:8082"));
        MachineDriver target = driver(kind);

        target.machine().storage().restoreSnapshot(new ByteArrayInputStream(source.snapshot()));
        target.machine().reload();

        assertThat(target.machine().memberHttpAddresses()).isEqualTo(Map.of("n2", "127.0.0.1:8082"));
        assertThat(new KvStateMachine(target.machine().storage(), KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT)
                .memberHttpAddresses()).as("loaded at start").isEqualTo(Map.of("n2", "127.0.0.1:8082"));
    }

    private MachineDriver fiveUserKeysAndOthers(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("aaa", "x"));
        for (int index = 1; index <= 5; index++) {
            driver.apply(1_000, put("user/" + index, "v" + index));
        }
        driver.apply(1_000, put("zzz", "x"));
        return driver;
    }

    private static RangeResult range(MachineDriver driver, Range range) {
        return driver.machine().query(range);
    }
}
