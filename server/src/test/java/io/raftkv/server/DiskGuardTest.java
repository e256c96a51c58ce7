package io.raftkv.server;

import io.raftkv.api.ServiceException;
import io.raftkv.core.NoSpaceAlarm;
import io.raftkv.core.command.AnnounceResult;
import io.raftkv.core.command.ClearNoSpaceAlarm;
import io.raftkv.core.command.InternalCommand;
import io.raftkv.core.command.RaiseNoSpaceAlarm;
import io.raftkv.core.command.Result;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard against a fake disk and a fake replicated state that applies what it proposes, or refuses to. */
class DiskGuardTest {
    static final long MEBIBYTE = 1024 * 1024;
    static final long RESERVE_BYTES = 64 * MEBIBYTE;
    static final Path DIRECTORY = Path.of("/data/n3");

    private long freeBytes = 1024 * MEBIBYTE;
    private final List<NoSpaceAlarm> replicated = new ArrayList<>();
    private final List<InternalCommand<AnnounceResult>> proposed = new ArrayList<>();
    /** When false, proposals fail as they would without a leader, and the replicated state does not change. */
    private boolean leaderAvailable = true;

    private DiskGuard guard(long reserveBytes) {
        return new DiskGuard("n3", DIRECTORY, reserveBytes, () -> freeBytes, () -> List.copyOf(replicated),
                this::propose);
    }

    private CompletableFuture<AnnounceResult> propose(InternalCommand<AnnounceResult> command) {
        proposed.add(command);
        if (!leaderAvailable) {
            return CompletableFuture.failedFuture(new ServiceException(ServiceException.Kind.UNAVAILABLE, "no leader"));
        }
        switch (command) {
            case RaiseNoSpaceAlarm raise -> {
                replicated.removeIf(alarm -> alarm.nodeId().equals(raise.alarm().nodeId()));
                replicated.add(raise.alarm());
            }
            case ClearNoSpaceAlarm clear -> replicated.removeIf(alarm -> alarm.nodeId().equals(clear.nodeId()));
            default -> throw new AssertionError("the guard proposed " + command);
        }
        return CompletableFuture.completedFuture(new Result.Announced());
    }

    @Test
    void plentyOfSpaceRaisesNothing() {
        DiskGuard guard = guard(RESERVE_BYTES);

        guard.run();
        guard.run();

        assertThat(proposed).isEmpty();
    }

    @Test
    void freeSpaceBelowTheReserveRaisesTheAlarmOnce() {
        DiskGuard guard = guard(RESERVE_BYTES);
        freeBytes = 12 * MEBIBYTE;

        guard.run();
        guard.run();

        assertThat(proposed).containsExactly(new RaiseNoSpaceAlarm(
                new NoSpaceAlarm("n3", 12 * MEBIBYTE, RESERVE_BYTES, "/data/n3")));
        assertThat(replicated).extracting(NoSpaceAlarm::nodeId).containsExactly("n3");
    }

    @Test
    void freeSpaceInsideTheMarginNeitherRaisesNorClears() {
        DiskGuard guard = guard(RESERVE_BYTES);
        long insideTheBand = (RESERVE_BYTES + guard.clearThresholdBytes()) / 2;
        freeBytes = insideTheBand;
        guard.run();
        assertThat(proposed).as("entering the band from above").isEmpty();

        freeBytes = RESERVE_BYTES - 1;
        guard.run();
        freeBytes = insideTheBand;
        guard.run();
        freeBytes = guard.clearThresholdBytes() - 1;
        guard.run();

        assertThat(proposed).as("back into the band from below").hasSize(1);
        assertThat(replicated).hasSize(1);
    }

    @Test
    void freeSpaceAboveTheReservePlusTheMarginClearsTheAlarm() {
        DiskGuard guard = guard(RESERVE_BYTES);
        freeBytes = MEBIBYTE;
        guard.run();

        freeBytes = guard.clearThresholdBytes();
        guard.run();

        assertThat(proposed).hasSize(2).last().isEqualTo(new ClearNoSpaceAlarm("n3"));
        assertThat(replicated).isEmpty();
    }

    @Test
    void theMarginIsATenthOfTheReserveButAtLeastOneMebibyte() {
        assertThat(guard(RESERVE_BYTES).clearThresholdBytes()).isEqualTo(RESERVE_BYTES + RESERVE_BYTES / 100 * 10);
        assertThat(guard(4 * MEBIBYTE).clearThresholdBytes()).isEqualTo(5 * MEBIBYTE);
        assertThat(guard(0).clearThresholdBytes()).isZero();
    }

    @Test
    void aFailedProposalIsMadeAgainOnTheNextRun() {
        DiskGuard guard = guard(RESERVE_BYTES);
        freeBytes = MEBIBYTE;
        leaderAvailable = false;
        guard.run();
        assertThat(replicated).isEmpty();

        leaderAvailable = true;
        guard.run();

        assertThat(proposed).hasSize(2);
        assertThat(replicated).hasSize(1);
    }

    @Test
    void anAlarmLeftFromAnEarlierRunIsClearedWhenThereIsRoomAgain() {
        replicated.add(new NoSpaceAlarm("n3", MEBIBYTE, RESERVE_BYTES, "/data/n3"));
        replicated.add(new NoSpaceAlarm("n1", MEBIBYTE, RESERVE_BYTES, "/data/n1"));
        DiskGuard guard = guard(RESERVE_BYTES);

        guard.run();

        assertThat(proposed).containsExactly(new ClearNoSpaceAlarm("n3"));
        assertThat(replicated).extracting(NoSpaceAlarm::nodeId).as("another node's alarm is its own business")
                .containsExactly("n1");
    }

    @Test
    void anAlarmLeftFromAnEarlierRunStaysWhileInsideTheMargin() {
        replicated.add(new NoSpaceAlarm("n3", MEBIBYTE, RESERVE_BYTES, "/data/n3"));
        DiskGuard guard = guard(RESERVE_BYTES);
        freeBytes = RESERVE_BYTES + 1;

        guard.run();

        assertThat(proposed).isEmpty();
    }

    @Test
    void aZeroReserveNeverRaisesButClearsAnEarlierAlarm() {
        freeBytes = 0;
        DiskGuard off = guard(0);
        off.run();
        assertThat(proposed).isEmpty();

        replicated.add(new NoSpaceAlarm("n3", MEBIBYTE, RESERVE_BYTES, "/data/n3"));
        off.run();

        assertThat(proposed).containsExactly(new ClearNoSpaceAlarm("n3"));
    }

    @Test
    void anUnreadableFileSystemFailsLoudly() {
        DiskGuard guard = new DiskGuard("n3", DIRECTORY, RESERVE_BYTES, () -> {
            throw new IOException("stale file handle");
        }, List::of, this::propose);

        assertThatThrownBy(guard::run).isInstanceOf(UncheckedIOException.class).hasMessageContaining("/data/n3");
    }
}
