package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.Flushed;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.core.command.Result.RevisionMismatch;
import io.raftkv.core.command.Result.Swept;
import io.raftkv.core.command.Result.Written;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.StoreMode;
import io.raftkv.core.command.Sweep;
import io.raftkv.core.query.Get;
import io.raftkv.core.query.QueryResult.CacheItems;
import io.raftkv.core.query.QueryResult.Found;
import io.raftkv.core.query.QueryResult.Missing;
import io.raftkv.core.query.QueryResult.RangeResult;
import io.raftkv.core.query.Range;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.rocksdb.RocksDbStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.raftkv.statemachine.CacheRequests.cacheGet;
import static io.raftkv.statemachine.CacheRequests.compareDelete;
import static io.raftkv.statemachine.CacheRequests.fetch;
import static io.raftkv.statemachine.CacheRequests.flushAll;
import static io.raftkv.statemachine.CacheRequests.increment;
import static io.raftkv.statemachine.CacheRequests.invalidate;
import static io.raftkv.statemachine.CacheRequests.store;
import static io.raftkv.statemachine.Requests.append;
import static io.raftkv.statemachine.Requests.bytes;
import static io.raftkv.statemachine.Requests.delete;
import static io.raftkv.statemachine.Requests.put;
import static io.raftkv.statemachine.Requests.putIfModRevision;
import static io.raftkv.statemachine.Requests.putWithTtl;
import static io.raftkv.statemachine.Requests.sweepKeys;
import static org.assertj.core.api.Assertions.assertThat;

class FlushTest extends EngineTest {

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void flushNowHidesEveryKeyFromEveryReadAndTakesOneRevision(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));
        driver.apply(1_000, putWithTtl("b", "2", 60_000));

        Result result = driver.apply(2_000, flushAll(0));

        assertThat(result).isEqualTo(new Flushed(2_000));
        assertThat(driver.machine().revision()).isEqualTo(3);
        assertThat(driver.machine().flushedThroughRevision()).isEqualTo(2);
        assertThat(driver.get("a")).isEqualTo(new Missing(3));
        assertThat(driver.machine().query(new Range(Bytes.EMPTY, Optional.empty(), 10, false, false)))
                .isEqualTo(new RangeResult(3, List.of(), 0, false));
        assertThat(driver.machine().query(cacheGet("a", "b")))
                .isEqualTo(new CacheItems(3, List.of(Optional.empty(), Optional.empty())));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void everyCommandSeesAFlushedKeyAsMissing(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "1"));
        driver.apply(flushAll(0));
        List<StoreContents.Entry> before = StoreContents.withoutPosition(driver.machine().storage());

        List<Result> results = driver.apply(2_000, Request.of(append("a", "x")), Request.of(delete("a")),
                Request.of(putIfModRevision("a", "x", 1)), Request.of(store(StoreMode.REPLACE, "a", "x")),
                Request.of(store(StoreMode.APPEND, "a", "x")), Request.of(increment("a", 1)),
                Request.of(fetch("a")), Request.of(compareDelete("a", Store.NO_COMPARE)), Request.of(invalidate("a")));

        assertThat(results).containsExactly(new NotFound(), new NotFound(), new RevisionMismatch(Optional.empty()),
                new NotFound(), new NotFound(), new NotFound(), new NotFound(), new NotFound(), new NotFound());
        assertThat(StoreContents.withoutPosition(driver.machine().storage())).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aWriteOverAFlushedKeyCreatesItAnewAndDropsTheOldExpiryEntry(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, putWithTtl("a", "1", 60_000));
        driver.apply(1_000, flushAll(0));

        Result result = driver.apply(1_000, putIfModRevision("a", "2", Put.IF_ABSENT));

        assertThat(result).isEqualTo(new Written(new KeyMetadata(0, 1, 3, 3, 0)));
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.EXPIRY)).isEmpty();
        assertThat(driver.get("a")).isInstanceOf(Found.class);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void keysWrittenAfterTheFlushInTheSameEntrySurviveAndThoseBeforeDoNot(EngineKind kind) {
        MachineDriver driver = driver(kind);

        driver.apply(1_000, Request.of(put("before", "1")), Request.of(flushAll(0)), Request.of(put("after", "1")));

        assertThat(driver.get("before")).isInstanceOf(Missing.class);
        assertThat(driver.get("after")).isInstanceOf(Found.class);
        assertThat(driver.machine().revision()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aDelayedFlushTakesEffectAtTheFirstEntryStampedAtOrAfterItsTime(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));

        Result scheduled = driver.apply(1_000, flushAll(5_000));
        driver.apply(3_000, put("written-while-pending", "1"));
        driver.apply(5_999, put("clock", "tick"));
        boolean visibleJustBefore = driver.get("a") instanceof Found
                && driver.get("written-while-pending") instanceof Found;
        long pendingBefore = driver.machine().flushPendingAtMillis();
        long revisionBefore = driver.machine().revision();
        driver.apply(6_000, put("at-the-time", "1"));

        assertThat(scheduled).isEqualTo(new Flushed(6_000));
        assertThat(visibleJustBefore).isTrue();
        assertThat(pendingBefore).isEqualTo(6_000);
        assertThat(driver.get("a")).isInstanceOf(Missing.class);
        assertThat(driver.get("written-while-pending")).isInstanceOf(Missing.class);
        assertThat(driver.get("clock")).isInstanceOf(Missing.class);
        assertThat(driver.get("at-the-time")).isInstanceOf(Found.class);
        assertThat(driver.machine().flushPendingAtMillis()).isZero();
        // Scheduling and taking effect change no key: only the put of the last entry moved the revision.
        assertThat(driver.machine().revision()).isEqualTo(revisionBefore + 1);
        assertThat(driver.machine().flushedThroughRevision()).isEqualTo(revisionBefore);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aLaterFlushReplacesAPendingOne(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));
        driver.apply(1_000, flushAll(5_000));

        Result replacing = driver.apply(2_000, flushAll(10_000));
        driver.apply(6_000, put("clock", "tick"));
        boolean visibleAtTheFirstTime = driver.get("a") instanceof Found;
        driver.apply(12_000, put("clock", "tock"));

        assertThat(replacing).isEqualTo(new Flushed(12_000));
        assertThat(visibleAtTheFirstTime).isTrue();
        assertThat(driver.get("a")).isInstanceOf(Missing.class);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aFlushNowCancelsAPendingOne(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, flushAll(5_000));

        driver.apply(2_000, flushAll(0));
        driver.apply(3_000, put("a", "1"));
        driver.apply(7_000, put("clock", "tick"));

        assertThat(driver.machine().flushPendingAtMillis()).isZero();
        assertThat(driver.get("a")).isInstanceOf(Found.class);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void anEmptySweepCarriesTheTimeThatMakesAPendingFlushTakeEffect(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));
        driver.apply(1_000, flushAll(1_000));

        Result swept = driver.apply(2_000, new Sweep(List.of(), List.of()));

        assertThat(swept).isEqualTo(new Swept(0, 0));
        assertThat(driver.get("a")).isEqualTo(new Missing(1));
        assertThat(driver.machine().flushPendingAtMillis()).isZero();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aSweepReclaimsFlushedKeysInOneRevisionAndLeavesLaterWrites(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));
        driver.apply(1_000, putWithTtl("b", "1", 60_000));
        driver.apply(1_000, put("rewritten", "1"));
        driver.apply(1_000, flushAll(0));
        driver.apply(1_000, put("c", "1"));
        FlushedKeys listed = driver.machine().flushedKeys(Optional.empty(), 10);
        driver.apply(1_000, put("rewritten", "2"));

        Result swept = driver.apply(1_000, new Sweep(listed.keys(), List.of()));

        assertThat(listed.keys()).containsExactly(bytes("a"), bytes("b"), bytes("rewritten"));
        assertThat(listed.complete()).isTrue();
        assertThat(swept).isEqualTo(new Swept(2, 0));
        assertThat(driver.machine().revision()).isEqualTo(7);
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.DATA)).extracting(StoreContents.Entry::key)
                .containsExactly(bytes("c"), bytes("rewritten"));
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.EXPIRY)).isEmpty();
        assertThat(driver.machine().flushedKeys(Optional.empty(), 10).keys()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void flushedKeysComeInPagesThatResumeWhereTheLastStopped(EngineKind kind) {
        MachineDriver driver = driver(kind);
        List<Request> puts = IntStream.range(0, 25).mapToObj(index -> Request.of(put("k" + (100 + index), "1")))
                .toList();
        driver.apply(1_000, puts.toArray(Request[]::new));
        driver.apply(1_000, flushAll(0));
        driver.apply(1_000, put("k110-live", "1"));

        List<FlushedKeys> pages = new ArrayList<>();
        Optional<Bytes> resumeAfter = Optional.empty();
        do {
            FlushedKeys page = driver.machine().flushedKeys(resumeAfter, 10);
            pages.add(page);
            resumeAfter = page.resumeAfter();
        } while (resumeAfter.isPresent());

        assertThat(pages).extracting(page -> page.keys().size()).containsExactly(10, 10, 5);
        assertThat(pages.get(0).resumeAfter()).contains(bytes("k109"));
        assertThat(pages.stream().flatMap(page -> page.keys().stream()).toList())
                .hasSize(25).doesNotContain(bytes("k110-live")).isSorted();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aFlushedKeysPageReadsABoundedNumberOfRecords(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("z-flushed", "1"));
        driver.apply(1_000, flushAll(0));
        Request[] liveKeys = IntStream.range(0, FlushedKeyScan.RECORDS_PER_PAGE_MAX)
                .mapToObj(index -> Request.of(put("live-" + (100_000 + index), ""))).toArray(Request[]::new);
        driver.apply(1_000, liveKeys);

        FlushedKeys first = driver.machine().flushedKeys(Optional.empty(), 10);
        FlushedKeys second = driver.machine().flushedKeys(first.resumeAfter(), 10);

        assertThat(first.keys()).isEmpty();
        assertThat(first.resumeAfter()).contains(bytes("live-" + (100_000 + FlushedKeyScan.RECORDS_PER_PAGE_MAX - 1)));
        assertThat(second.keys()).containsExactly(bytes("z-flushed"));
        assertThat(second.complete()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aStoreThatNeverFlushedListsNoFlushedKeysAndKeepsItsMetaLayout(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));
        driver.apply(1_000, flushAll(0));
        MachineDriver untouched = driver(kind);
        untouched.apply(1_000, put("a", "1"));

        assertThat(untouched.machine().flushedKeys(Optional.empty(), 10)).isEqualTo(
                new FlushedKeys(List.of(), Optional.empty()));
        assertThat(StoreContents.in(untouched.machine().storage(), Keyspace.META)).extracting(StoreContents.Entry::key)
                .doesNotContain(MetaKeys.FLUSHED_THROUGH_REVISION, MetaKeys.FLUSH_PENDING_AT_MILLIS);
        assertThat(StoreContents.in(driver.machine().storage(), Keyspace.META)).extracting(StoreContents.Entry::key)
                .contains(MetaKeys.FLUSHED_THROUGH_REVISION).doesNotContain(MetaKeys.FLUSH_PENDING_AT_MILLIS);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aRetriedFlushIsAppliedOnce(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, Requests.withSession("client", 1, 0, flushAll(0)));
        driver.apply(1_000, put("a", "1"));

        List<Result> retried = driver.apply(1_000, Requests.withSession("client", 1, 0, flushAll(0)));

        assertThat(retried).containsExactly(new Flushed(1_000));
        assertThat(driver.get("a")).isInstanceOf(Found.class);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void reloadAdoptsTheFlushStateOfARestoredSnapshot(EngineKind kind) throws IOException {
        MachineDriver source = driver(kind);
        source.apply(1_000, put("a", "1"));
        source.apply(1_000, flushAll(0));
        source.apply(1_000, flushAll(5_000));
        MachineDriver target = driver(kind);
        target.apply(1_000, put("a", "1"));

        target.machine().storage().restoreSnapshot(new ByteArrayInputStream(source.snapshot()));
        target.machine().reload();

        assertThat(target.machine().flushedThroughRevision()).isEqualTo(1);
        assertThat(target.machine().flushPendingAtMillis()).isEqualTo(6_000);
        target.apply(6_000, put("b", "1"));
        assertThat(target.machine().flushedThroughRevision()).isEqualTo(2);
    }

    @Test
    void aReopenedStoreKeepsItsFlushState() {
        Path rocksDbDirectory = directory.resolve("reopened");
        try (StorageEngine storage = RocksDbStorage.open(rocksDbDirectory)) {
            KvStateMachine machine = new KvStateMachine(storage, KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
            machine.apply(1, 1, entry(1_000, put("a", "1")));
            machine.apply(2, 1, entry(1_000, flushAll(0)));
            machine.apply(3, 1, entry(1_000, put("b", "1")));
            machine.apply(4, 1, entry(1_000, flushAll(2_000)));
        }

        try (StorageEngine storage = RocksDbStorage.open(rocksDbDirectory)) {
            KvStateMachine reopened = new KvStateMachine(storage, KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
            boolean bVisibleBeforeThePendingFlush = reopened.query(new Get(bytes("b")))
                    instanceof Found;
            reopened.apply(5, 1, entry(3_000, put("c", "1")));

            assertThat(List.of(reopened.flushedThroughRevision(), reopened.revision())).containsExactly(3L, 4L);
            assertThat(bVisibleBeforeThePendingFlush).isTrue();
            assertThat(reopened.query(new Get(bytes("a")))).isInstanceOf(Missing.class);
            assertThat(reopened.query(new Get(bytes("b")))).isInstanceOf(Missing.class);
            assertThat(reopened.query(new Get(bytes("c")))).isInstanceOf(Found.class);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aCacheGetAfterAFlushSeesOnlyLaterWrites(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(1_000, put("a", "1"));
        driver.apply(1_000, flushAll(0));
        driver.apply(1_000, new Arithmetic(bytes("b"), Arithmetic.Direction.INCREMENT, 1, Store.NO_COMPARE,
                TtlMillis.NEVER, 7, TtlMillis.NOT_GIVEN));

        CacheItems items = driver.machine().query(cacheGet("a", "b"));

        assertThat(items.items().get(0)).isEmpty();
        assertThat(items.items().get(1)).hasValueSatisfying(item -> assertThat(item.keyValue())
                .isEqualTo(new KeyValue(bytes("b"), bytes("7"), new KeyMetadata(0, 1, 3, 3, 0))));
    }

    private static LogEntry entry(long leaderTimeMillis, Command<?> command) {
        return new LogEntry(leaderTimeMillis, List.of(Request.of(command)));
    }
}
