package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.Arithmetic.Direction;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.CompareDelete;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.Fetched;
import io.raftkv.core.command.Result.Flushed;
import io.raftkv.core.command.Result.RejectReason;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Result.Written;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.StoreMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.raftkv.statemachine.Requests.bytes;
import static io.raftkv.statemachine.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;

class CacheValidationTest extends EngineTest {
    private static final long TTL_MAX = RequestValidator.TTL_MILLIS_MAX;
    private static final long NOT_GIVEN = TtlMillis.NOT_GIVEN;
    private static final int VALUE_MAX = Limits.VALUE_BYTES_MAX_DEFAULT;

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void invalidCacheCommandsAreRejectedWithoutChange(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "1"));
        List<StoreContents.Entry> before = StoreContents.withoutPosition(driver.machine().storage());
        Bytes a = bytes("a");
        Bytes tooLongKey = Bytes.wrap(new byte[Limits.KEY_BYTES_MAX + 1]);
        Bytes tooLongValue = Bytes.wrap(new byte[RequestValidator.VALUE_BYTES_HARD_MAX + 1]);
        List<Command<?>> invalid = List.of(
                new Store(Bytes.EMPTY, a, 0, 0, StoreMode.SET, -1, false, NOT_GIVEN, VALUE_MAX),
                new Store(tooLongKey, a, 0, 0, StoreMode.SET, -1, false, NOT_GIVEN, VALUE_MAX),
                new Store(a, tooLongValue, 0, 0, StoreMode.SET, -1, false, NOT_GIVEN, VALUE_MAX),
                new Store(a, a, 0, -2, StoreMode.SET, -1, false, NOT_GIVEN, VALUE_MAX),
                new Store(a, a, 0, NOT_GIVEN, StoreMode.ADD, -1, false, NOT_GIVEN, VALUE_MAX),
                new Store(a, a, 0, TTL_MAX + 1, StoreMode.REPLACE, -1, false, NOT_GIVEN, VALUE_MAX),
                new Store(a, a, 0, 0, StoreMode.SET, -2, false, NOT_GIVEN, VALUE_MAX),
                new Store(a, a, 0, 0, StoreMode.APPEND, -1, false, -5, VALUE_MAX),
                new Store(a, a, 0, 0, StoreMode.APPEND, -1, false, NOT_GIVEN, -1),
                new Arithmetic(Bytes.EMPTY, Direction.INCREMENT, 1, -1, NOT_GIVEN, 0, NOT_GIVEN),
                new Arithmetic(a, Direction.INCREMENT, 1, -2, NOT_GIVEN, 0, NOT_GIVEN),
                new Arithmetic(a, Direction.INCREMENT, 1, -1, TTL_MAX + 1, 0, NOT_GIVEN),
                new Arithmetic(a, Direction.DECREMENT, 1, -1, NOT_GIVEN, 0, -3),
                new Fetch(tooLongKey, NOT_GIVEN, NOT_GIVEN, NOT_GIVEN),
                new Fetch(a, -2, NOT_GIVEN, NOT_GIVEN),
                new Fetch(a, NOT_GIVEN, TTL_MAX + 1, NOT_GIVEN),
                new Fetch(a, NOT_GIVEN, NOT_GIVEN, -1),
                new Fetch(a, NOT_GIVEN, NOT_GIVEN, TTL_MAX + 1),
                new CompareDelete(Bytes.EMPTY, -1, false, NOT_GIVEN, false),
                new CompareDelete(a, -2, false, NOT_GIVEN, false),
                new CompareDelete(a, -1, true, -2, false),
                new FlushAll(-1),
                new FlushAll(TTL_MAX + 1));

        List<Result> results = driver.apply(1_000, invalid.stream().map(Request::of).toArray(Request[]::new));

        assertThat(results).hasSize(invalid.size()).allSatisfy(result -> assertThat(result)
                .isInstanceOfSatisfying(Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_REQUEST)));
        assertThat(driver.machine().revision()).isEqualTo(1);
        assertThat(driver.machine().flushPendingAtMillis()).isZero();
        assertThat(StoreContents.withoutPosition(driver.machine().storage())).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void boundaryValuesAreAccepted(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Bytes a = bytes("a");
        Bytes longestKey = Bytes.wrap(new byte[Limits.KEY_BYTES_MAX]);

        List<Result> results = driver.apply(1_000,
                Request.of(new Store(longestKey, a, 0, TTL_MAX, StoreMode.SET, -1, false, NOT_GIVEN, 0)),
                Request.of(new Store(a, a, 0, TtlMillis.EXPIRED, StoreMode.SET, -1, false, TTL_MAX, VALUE_MAX)),
                // Append ignores its time to live, so any value there is accepted.
                Request.of(new Store(a, a, 0, -42, StoreMode.APPEND, -1, false, TtlMillis.EXPIRED, VALUE_MAX)),
                Request.of(new Fetch(a, TTL_MAX, TtlMillis.NEVER, 0)),
                Request.of(new Fetch(a, NOT_GIVEN, NOT_GIVEN, TTL_MAX)),
                Request.of(new FlushAll(TTL_MAX)));

        assertThat(results.get(0)).isInstanceOf(Written.class);
        assertThat(results.get(1)).isInstanceOf(Written.class);
        assertThat(results.get(2)).isInstanceOf(Written.class);
        assertThat(results.get(3)).isInstanceOf(Fetched.class);
        assertThat(results.get(4)).isInstanceOf(Fetched.class);
        assertThat(results.get(5)).isEqualTo(new Flushed(1_000 + TTL_MAX));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theRevisionMovesOnlyForRequestsThatChangeAValue(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Bytes a = bytes("a");

        driver.apply(1_000,
                Request.of(CacheRequests.set("a", "1")),                           // changes: 1
                Request.of(CacheRequests.store(StoreMode.ADD, "a", "x")),          // exists
                Request.of(CacheRequests.increment("a", 1)),                       // changes: 2
                Request.of(CacheRequests.increment("missing", 1)),                 // not found
                Request.of(CacheRequests.fetch("a")),                              // plain hit
                Request.of(new Fetch(a, 5_000, NOT_GIVEN, 10_000)),                // touch and claim
                Request.of(CacheRequests.fetchVivifying("b", TtlMillis.NEVER)),    // changes: 3
                Request.of(CacheRequests.invalidate("a")),                         // changes: 4
                Request.of(CacheRequests.flushAll(60_000)),                        // pending only
                Request.of(CacheRequests.compareDelete("b", 99)),                  // mismatch
                Request.of(CacheRequests.compareDelete("b", Store.NO_COMPARE)),    // changes: 5
                Request.of(CacheRequests.flushAll(0)));                            // changes: 6

        assertThat(driver.machine().revision()).isEqualTo(6);
        assertThat(driver.machine().flushedThroughRevision()).isEqualTo(5);
    }
}
