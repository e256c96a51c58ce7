package io.raftkv.server;

import io.raftkv.api.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppliedIndexWaitersTest {

    /** Runs released work only when the test says, to show it never runs on the applying thread. */
    private static final class HeldExecutor implements java.util.concurrent.Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(tasks);
            tasks.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void aReadIndexAlreadyAppliedIsReadyAtOnce() {
        AppliedIndexWaiters waiters = new AppliedIndexWaiters(10, new HeldExecutor(), 5);

        assertThat(waiters.await(10)).isDone();
        assertThat(waiters.await(3)).isDone();
    }

    @Test
    void waitersAreReleasedInIndexOrderOnTheReleaserOnceApplied() {
        HeldExecutor releaser = new HeldExecutor();
        AppliedIndexWaiters waiters = new AppliedIndexWaiters(10, releaser, 5);
        CompletableFuture<Void> at12 = waiters.await(12);
        CompletableFuture<Void> at11 = waiters.await(11);
        CompletableFuture<Void> at15 = waiters.await(15);

        waiters.applied(12);

        assertThat(at11).as("not on the applying thread").isNotDone();
        releaser.runAll();
        assertThat(at11).isDone();
        assertThat(at12).isDone();
        assertThat(at15).isNotDone();
        assertThat(waiters.waiting()).isEqualTo(1);
        waiters.applied(9);
        waiters.applied(12);
        assertThat(releaser.tasks).as("no advance, nothing to release").isEmpty();
        waiters.applied(16);
        releaser.runAll();
        assertThat(at15).isDone();
    }

    @Test
    void waitersBeyondTheBoundFailOverloaded() {
        AppliedIndexWaiters waiters = new AppliedIndexWaiters(0, new HeldExecutor(), 2);
        waiters.await(1);
        waiters.await(2);

        CompletableFuture<Void> refused = waiters.await(3);

        assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ServiceException.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ServiceException.Kind.OVERLOADED));
        assertThat(waiters.await(0)).as("an applied index never waits").isDone();
    }

    @Test
    void waitersThatGaveUpMakeRoomForNewOnes() {
        AppliedIndexWaiters waiters = new AppliedIndexWaiters(0, new HeldExecutor(), 1);
        waiters.await(5).completeExceptionally(new IllegalStateException("timed out"));

        assertThat(waiters.await(6)).isNotDone();
    }
}
