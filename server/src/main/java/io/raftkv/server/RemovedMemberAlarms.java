package io.raftkv.server;

import io.raftkv.core.NoSpaceAlarm;
import io.raftkv.core.command.AnnounceResult;
import io.raftkv.core.command.ClearNoSpaceAlarm;
import io.raftkv.core.command.InternalCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * On the leader, clears the NO_SPACE alarm of a node that is no longer a member. Only the node itself clears its alarm
 * once it has space again; a node removed while its alarm was up never will, and the alarm would refuse every write
 * of the cluster for good. Checking the configuration on every run, rather than once at removal, also covers a
 * leader that failed between committing the removal and clearing the alarm.
 */
final class RemovedMemberAlarms implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RemovedMemberAlarms.class);

    private final String nodeId;
    private final BooleanSupplier isLeader;
    private final Supplier<List<NoSpaceAlarm>> activeAlarms;
    private final Supplier<Set<String>> memberIds;
    private final Function<InternalCommand<AnnounceResult>, CompletableFuture<AnnounceResult>> propose;
    /** One clear at a time: the next run sees whether it applied and proposes it again if not. */
    private final AtomicBoolean proposalInFlight = new AtomicBoolean();

    /**
     * @param memberIds voters and learners of the current configuration (of both sides while one changes)
     * @param propose   sends a command to the Raft log, bypassing the write gate
     */
    RemovedMemberAlarms(String nodeId, BooleanSupplier isLeader, Supplier<List<NoSpaceAlarm>> activeAlarms,
                        Supplier<Set<String>> memberIds,
                        Function<InternalCommand<AnnounceResult>, CompletableFuture<AnnounceResult>> propose) {
        this.nodeId = nodeId;
        this.isLeader = isLeader;
        this.activeAlarms = activeAlarms;
        this.memberIds = memberIds;
        this.propose = propose;
    }

    @Override
    public void run() {
        if (!isLeader.getAsBoolean()) {
            return;
        }
        Optional<NoSpaceAlarm> orphan = orphanAlarm();
        if (orphan.isPresent() && proposalInFlight.compareAndSet(false, true)) {
            String removedId = orphan.get().nodeId();
            LOG.info("node {}: clearing the NO_SPACE alarm of {}, which is no longer a member", nodeId, removedId);
            propose.apply(new ClearNoSpaceAlarm(removedId))
                    .whenComplete((result, failure) -> proposalInFlight.set(false));
        }
    }

    private Optional<NoSpaceAlarm> orphanAlarm() {
        List<NoSpaceAlarm> alarms = activeAlarms.get();
        if (alarms.isEmpty()) {
            return Optional.empty();
        }
        Set<String> members = memberIds.get();
        // An empty configuration means this node could not read it; clearing every alarm then would be wrong.
        if (members.isEmpty()) {
            return Optional.empty();
        }
        return alarms.stream().filter(alarm -> !members.contains(alarm.nodeId())).findFirst();
    }
}
