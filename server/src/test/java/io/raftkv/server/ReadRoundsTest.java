package io.raftkv.server;

import io.raftkv.api.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadRoundsTest {

    /** A leader stand-in: each round waits until the test ends it. */
    private static final class HeldRounds {
        final List<CompletableFuture<Long>> started = new ArrayList<>();

        CompletableFuture<Long> start() {
            CompletableFuture<Long> round = new CompletableFuture<>();
            started.add(round);
            return round;
        }
    }

    @Test
    void aReadWithNoRoundInFlightStartsOne() throws Exception {
        HeldRounds held = new HeldRounds();
        ReadRounds rounds = new ReadRounds(held::start, 10);

        CompletableFuture<Long> read = rounds.next();

        assertThat(held.started).hasSize(1);
        held.started.getFirst().complete(42L);
        assertThat(read.get()).isEqualTo(42L);
    }

    @Test
    void readsArrivingDuringARoundShareTheNextRoundNotTheOneInFlight() throws Exception {
        HeldRounds held = new HeldRounds();
        ReadRounds rounds = new ReadRounds(held::start, 10);
        CompletableFuture<Long> first = rounds.next();

        CompletableFuture<Long> second = rounds.next();
        CompletableFuture<Long> third = rounds.next();

        assertThat(held.started).as("one round in flight").hasSize(1);
        assertThat(rounds.waitingReads()).isEqualTo(2);
        held.started.getFirst().complete(5L);
        assertThat(first.get()).isEqualTo(5L);
        assertThat(second).as("the round in flight began before these reads").isNotDone();
        assertThat(held.started).as("the waiting reads' round starts as the first ends").hasSize(2);
        assertThat(rounds.waitingReads()).isZero();
        held.started.get(1).complete(9L);
        assertThat(second.get()).isEqualTo(9L);
        assertThat(third.get()).isEqualTo(9L);
    }

    @Test
    void readsBeyondTheBoundFailOverloadedAndTheRestStillRead() throws Exception {
        HeldRounds held = new HeldRounds();
        ReadRounds rounds = new ReadRounds(held::start, 2);
        rounds.next();
        CompletableFuture<Long> waiting = rounds.next();
        rounds.next();

        CompletableFuture<Long> refused = rounds.next();

        assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ServiceException.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ServiceException.Kind.OVERLOADED));
        held.started.getFirst().complete(1L);
        held.started.get(1).complete(2L);
        assertThat(waiting.get()).isEqualTo(2L);
        assertThat(rounds.next()).as("room again once the round started").isNotDone();
    }

    @Test
    void aFailedRoundFailsItsReadsAndTheNextRoundStillRuns() throws Exception {
        HeldRounds held = new HeldRounds();
        ReadRounds rounds = new ReadRounds(held::start, 10);
        CompletableFuture<Long> first = rounds.next();
        CompletableFuture<Long> second = rounds.next();

        held.started.getFirst().completeExceptionally(new IllegalStateException("deposed"));

        assertThatThrownBy(first::get).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(second).isNotDone();
        held.started.get(1).complete(3L);
        assertThat(second.get()).isEqualTo(3L);
    }

    @Test
    void aRoundThatThrowsFailsItsReadsAndLeavesNoRoundInFlight() throws Exception {
        List<Integer> calls = new ArrayList<>();
        ReadRounds rounds = new ReadRounds(() -> {
            calls.add(calls.size());
            if (calls.size() == 1) {
                throw new IllegalStateException("no division");
            }
            return CompletableFuture.completedFuture(8L);
        }, 10);

        assertThatThrownBy(rounds.next()::get).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(rounds.next().get()).isEqualTo(8L);
    }
}
