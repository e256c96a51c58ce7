package io.raftkv.core.command;

/**
 * A node reports that its disk has room again: its alarm, if any, is removed. It changes no key and does not move the
 * revision.
 */
public record ClearNoSpaceAlarm(String nodeId) implements InternalCommand<AnnounceResult> {
    @Override
    public Class<AnnounceResult> resultType() {
        return AnnounceResult.class;
    }
}
