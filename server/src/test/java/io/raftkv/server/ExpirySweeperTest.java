package io.raftkv.server;

import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.ResultTypes;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.Swept;
import io.raftkv.core.command.Sweep;
import io.raftkv.core.query.Get;
import io.raftkv.core.query.QueryResult;
import io.raftkv.statemachine.KvStateMachine;
import io.raftkv.storage.memory.MemoryStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExpirySweeperTest {
    private static final int KEYS_PER_SWEEP_MAX = Limits.DEFAULT.sweepKeysMax();

    private final MemoryStorage storage = MemoryStorage.create();
    private final KvStateMachine machine = new KvStateMachine(storage, KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private final AtomicLong clockMillis = new AtomicLong(1_000);
    private final List<Sweep> proposed = new ArrayList<>();
    private final List<CompletableFuture<Swept>> replies = new ArrayList<>();
    private final ExpirySweeper sweeper = new ExpirySweeper(machine, leader::get, clockMillis::get, this::propose);

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    /** A leader stand-in: it holds each sweep until the test applies or fails it. */
    private CompletableFuture<Swept> propose(Sweep sweep) {
        proposed.add(sweep);
        CompletableFuture<Swept> reply = new CompletableFuture<>();
        replies.add(reply);
        return reply;
    }

    private void apply(Command<?> command) {
        machine.apply(machine.appliedIndex() + 1, 1, new LogEntry(clockMillis.get(), List.of(Request.of(command))));
    }

    /** Applies the last proposed sweep at the current clock and answers it. */
    private void applyLastSweep() {
        Sweep sweep = proposed.getLast();
        List<Result> results = machine.apply(machine.appliedIndex() + 1, 1,
                new LogEntry(clockMillis.get(), List.of(Request.of(sweep))));
        replies.getLast().complete(ResultTypes.narrow(sweep, results.getFirst()));
    }

    private void putKeys(int count) {
        IntStream.range(0, count).forEach(index -> apply(Put.of(key(index), Bytes.utf8("v"))));
    }

    private static Bytes key(int index) {
        return Bytes.utf8("key-" + (10_000 + index));
    }

    @Test
    void flushedKeysAreListedUntilTheWalkIsCompleteAndThenNoMore() {
        putKeys(3);
        apply(new FlushAll(0));
        apply(Put.of(Bytes.utf8("written-after"), Bytes.utf8("v")));

        sweeper.run();
        applyLastSweep();
        sweeper.run();

        assertThat(proposed).hasSize(1);
        assertThat(proposed.getFirst().keys()).containsExactly(key(0), key(1), key(2));
        assertThat(machine.query(new Get(Bytes.utf8("written-after")))).isInstanceOf(QueryResult.Found.class);
        assertThat(machine.flushedKeys(Optional.empty(), 10).keys()).isEmpty();
    }

    @Test
    void theWalkGoesOnPageByPageAndStartsOverAfterAFailedSweep() {
        putKeys(KEYS_PER_SWEEP_MAX * 2 + 5);
        apply(new FlushAll(0));

        sweeper.run();
        applyLastSweep();
        sweeper.run();
        replies.getLast().completeExceptionally(new IllegalStateException("leadership moved"));
        sweeper.run();

        assertThat(proposed).hasSize(3);
        assertThat(proposed.get(0).keys()).hasSize(KEYS_PER_SWEEP_MAX).startsWith(key(0));
        assertThat(proposed.get(1).keys()).hasSize(KEYS_PER_SWEEP_MAX).startsWith(key(KEYS_PER_SWEEP_MAX));
        // The failed page was never applied: the walk starts again from the first key that storage still holds.
        assertThat(proposed.get(2).keys()).hasSize(KEYS_PER_SWEEP_MAX).startsWith(key(KEYS_PER_SWEEP_MAX));
    }

    @Test
    void aNewFlushAfterACompleteWalkIsWalkedAgain() {
        putKeys(2);
        apply(new FlushAll(0));
        sweeper.run();
        applyLastSweep();
        apply(Put.of(Bytes.utf8("later"), Bytes.utf8("v")));

        apply(new FlushAll(0));
        sweeper.run();

        assertThat(proposed).hasSize(2);
        assertThat(proposed.getLast().keys()).containsExactly(Bytes.utf8("later"));
    }

    @Test
    void aDueFlushGetsASweepEvenWithNothingToListAndItsKeysAreReclaimedAfter() {
        apply(Put.of(Bytes.utf8("a"), Bytes.utf8("v")));
        apply(new FlushAll(1_000));

        clockMillis.set(1_999);
        sweeper.run();
        int proposedBeforeDue = proposed.size();
        clockMillis.set(2_000);
        sweeper.run();
        applyLastSweep();
        sweeper.run();

        assertThat(proposedBeforeDue).isZero();
        assertThat(proposed).containsExactly(new Sweep(List.of(), List.of()),
                new Sweep(List.of(Bytes.utf8("a")), List.of()));
        assertThat(machine.flushPendingAtMillis()).isZero();
        assertThat(machine.query(new Get(Bytes.utf8("a")))).isInstanceOf(QueryResult.Missing.class);
    }

    @Test
    void aFollowerProposesNothing() {
        putKeys(2);
        apply(new FlushAll(0));
        leader.set(false);

        sweeper.run();

        assertThat(proposed).isEmpty();
    }

    @Test
    void expiredAndFlushedKeysShareOneSweepWithinTheKeyLimit() {
        apply(new Put(Bytes.utf8("expiring"), Bytes.utf8("v"), 0, 100, Put.UNCONDITIONAL));
        putKeys(KEYS_PER_SWEEP_MAX);
        apply(new FlushAll(0));
        apply(new Put(Bytes.utf8("expiring-later"), Bytes.utf8("v"), 0, 100, Put.UNCONDITIONAL));
        clockMillis.set(1_100);

        sweeper.run();

        assertThat(proposed.getFirst().keys()).hasSize(KEYS_PER_SWEEP_MAX)
                .startsWith(Bytes.utf8("expiring"), Bytes.utf8("expiring-later"));
    }
}
