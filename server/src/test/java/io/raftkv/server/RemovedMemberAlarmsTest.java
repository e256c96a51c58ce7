package io.raftkv.server;

import io.raftkv.core.NoSpaceAlarm;
import io.raftkv.core.command.AnnounceResult;
import io.raftkv.core.command.ClearNoSpaceAlarm;
import io.raftkv.core.command.InternalCommand;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class RemovedMemberAlarmsTest {
    private static final NoSpaceAlarm N2_ALARM = new NoSpaceAlarm("n2", 1_000, 256L << 20, "/data/n2");
    private static final NoSpaceAlarm N4_ALARM = new NoSpaceAlarm("n4", 2_000, 256L << 20, "/data/n4");

    private final List<InternalCommand<AnnounceResult>> proposed = new ArrayList<>();
    private final List<CompletableFuture<AnnounceResult>> outcomes = new ArrayList<>();

    private RemovedMemberAlarms guard(boolean leader, List<NoSpaceAlarm> alarms, Set<String> members) {
        return new RemovedMemberAlarms("n1", () -> leader, () -> alarms, () -> members, command -> {
            proposed.add(command);
            CompletableFuture<AnnounceResult> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            return outcome;
        });
    }

    @Test
    void leaderClearsTheAlarmOfANodeThatIsNoLongerAMember() {
        guard(true, List.of(N2_ALARM, N4_ALARM), Set.of("n1", "n2", "n3")).run();

        assertThat(proposed).containsExactly(new ClearNoSpaceAlarm("n4"));
    }

    @Test
    void alarmsOfMembersAreLeftToTheirOwnNodes() {
        guard(true, List.of(N2_ALARM), Set.of("n1", "n2", "n3")).run();

        assertThat(proposed).isEmpty();
    }

    @Test
    void followersProposeNothing() {
        guard(false, List.of(N4_ALARM), Set.of("n1", "n2", "n3")).run();

        assertThat(proposed).isEmpty();
    }

    @Test
    void anUnreadableConfigurationClearsNothing() {
        guard(true, List.of(N4_ALARM), Set.of()).run();

        assertThat(proposed).isEmpty();
    }

    @Test
    void aClearIsProposedAgainOnlyOnceTheLastOneEnded() {
        RemovedMemberAlarms guard = guard(true, List.of(N4_ALARM), Set.of("n1", "n2", "n3"));

        guard.run();
        guard.run();
        assertThat(proposed).hasSize(1);

        outcomes.getFirst().completeExceptionally(new IllegalStateException("no leader"));
        guard.run();
        assertThat(proposed).hasSize(2);
    }
}
