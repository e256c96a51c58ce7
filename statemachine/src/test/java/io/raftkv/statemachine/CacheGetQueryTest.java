package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.CacheMarks;
import io.raftkv.core.Invariants.InvariantViolation;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.Limits;
import io.raftkv.core.query.CacheGet;
import io.raftkv.core.query.QueryResult.CacheItem;
import io.raftkv.core.query.QueryResult.CacheItems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static io.raftkv.statemachine.CacheRequests.cacheGet;
import static io.raftkv.statemachine.CacheRequests.invalidate;
import static io.raftkv.statemachine.Requests.bytes;
import static io.raftkv.statemachine.Requests.put;
import static io.raftkv.statemachine.Requests.putWithTtl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheGetQueryTest extends EngineTest {

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void itemsLineUpWithTheRequestedKeysIncludingDuplicatesAndMisses(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));
        driver.apply(1_000, put("b", "2"));
        driver.apply(1_000, invalidate("b"));

        CacheItems items = driver.machine().query(cacheGet("b", "missing", "a", "b"));

        CacheItem a = new CacheItem(new KeyValue(bytes("a"), bytes("1"), new KeyMetadata(0, 1, 1, 1, 0)),
                CacheMarks.NONE);
        CacheItem b = new CacheItem(new KeyValue(bytes("b"), bytes("2"), new KeyMetadata(0, 2, 2, 3, 0)),
                new CacheMarks(true, false));
        assertThat(items).isEqualTo(new CacheItems(3, List.of(Optional.of(b), Optional.empty(), Optional.of(a),
                Optional.of(b))));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void anExpiredKeyIsMissingBeforeTheSweep(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 100));
        driver.apply(1_100, put("clock", "tick"));

        assertThat(driver.machine().query(cacheGet("a")))
                .isEqualTo(new CacheItems(2, List.of(Optional.empty())));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void anEmptyRequestGetsAnEmptyAnswer(EngineKind kind) {
        MachineDriver driver = driver(kind);

        assertThat(driver.machine().query(cacheGet())).isEqualTo(new CacheItems(0, List.of()));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void moreKeysThanTheLimitAreABrokenFrontEnd(EngineKind kind) {
        MachineDriver driver = driver(kind);
        CacheGet atTheLimit = new CacheGet(Collections.nCopies(Limits.CACHE_GET_KEYS_MAX, Bytes.utf8("k")),
                Limits.CACHE_GET_BYTES_MAX);
        CacheGet overTheLimit = new CacheGet(Collections.nCopies(Limits.CACHE_GET_KEYS_MAX + 1, Bytes.utf8("k")),
                Limits.CACHE_GET_BYTES_MAX);

        assertThat(driver.machine().query(atTheLimit).items()).hasSize(Limits.CACHE_GET_KEYS_MAX);
        assertThatThrownBy(() -> driver.machine().query(overTheLimit)).isInstanceOf(InvariantViolation.class);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theAnswerStopsBeforeTheKeyThatWouldPassItsByteLimit(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("k", "v".repeat(99)));
        // Each hit counts its key and value: 1 + 99 = 100 bytes; misses count nothing.
        CacheGet query = new CacheGet(List.of(bytes("k"), bytes("missing"), bytes("k"), bytes("k")), 250);

        CacheItems items = driver.machine().query(query);

        assertThat(items.items()).hasSize(3);
        assertThat(items.items().get(1)).isEmpty();
        assertThat(items.items().get(2)).isPresent();
        CacheGet exactlyTheLimit = new CacheGet(List.of(bytes("k"), bytes("k")), 200);
        assertThat(driver.machine().query(exactlyTheLimit).items()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theFirstKeyIsAnsweredHoweverLargeItsValue(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("k", "v".repeat(1_000)));

        CacheItems items = driver.machine().query(new CacheGet(List.of(bytes("k"), bytes("k")), 10));

        assertThat(items.items()).hasSize(1);
        assertThat(items.items().getFirst().orElseThrow().keyValue().value().length()).isEqualTo(1_000);
    }
}
