package io.raftkv.server;

import io.raftkv.api.ServiceException;
import io.raftkv.core.NoSpaceAlarm;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gate at every node's write entry point: while any NO_SPACE alarm is active in the replicated state, client
 * writes are refused with a message that names the node, its directory and what to do. Only client writes pass
 * through here; the alarms themselves, expiry sweeps and address announcements go straight to the log, so the cluster
 * can still clear an alarm and keep its replicas consistent.
 */
final class NoSpaceRefusal {
    private NoSpaceRefusal() {
    }

    /** Empty when no alarm is active: writes may go on. */
    static Optional<ServiceException> of(List<NoSpaceAlarm> activeAlarms) {
        if (activeAlarms.isEmpty()) {
            return Optional.empty();
        }
        String nodes = activeAlarms.stream().map(NoSpaceRefusal::describe).collect(Collectors.joining("; "));
        return Optional.of(new ServiceException(ServiceException.Kind.NO_SPACE, "writes refused: " + nodes
                + "; free space there, writes resume by themselves; reads still work"));
    }

    /** One alarm as a clause: "node n3 has 12 MiB free on /data/n3, below its 64 MiB reserve (--disk-reserve)". */
    static String describe(NoSpaceAlarm alarm) {
        return "node " + alarm.nodeId() + " has " + ByteSizeText.describe(alarm.freeBytes()) + " free on "
                + alarm.directory() + ", below its " + ByteSizeText.describe(alarm.reserveBytes())
                + " reserve (--disk-reserve)";
    }
}
