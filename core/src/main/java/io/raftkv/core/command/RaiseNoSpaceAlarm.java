package io.raftkv.core.command;

import io.raftkv.core.NoSpaceAlarm;

/**
 * A node reports that its disk is nearly full. Replicated so that every node refuses client writes while it is
 * active; raising it again replaces the node's earlier alarm. It changes no key and does not move the revision.
 */
public record RaiseNoSpaceAlarm(NoSpaceAlarm alarm) implements InternalCommand<AnnounceResult> {
    @Override
    public Class<AnnounceResult> resultType() {
        return AnnounceResult.class;
    }
}
