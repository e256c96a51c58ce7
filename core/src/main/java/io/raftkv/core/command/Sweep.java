package io.raftkv.core.command;

import io.raftkv.core.Bytes;

import java.util.List;

/**
 * Proposed by the leader when keys have expired or client sessions have gone idle, so that every replica deletes them
 * at the same log position and storage is reclaimed. Each replica deletes a listed key only if it is expired at the
 * entry's cluster time, and forgets a listed session only if it is idle at that time, so a key written again (or a
 * client heard from again) after the leader looked is left alone.
 */
public record Sweep(List<Bytes> keys, List<Bytes> idleClientIds) implements InternalCommand<Result.Swept> {
    public Sweep {
        keys = List.copyOf(keys);
        idleClientIds = List.copyOf(idleClientIds);
    }

    @Override
    public Class<Result.Swept> resultType() {
        return Result.Swept.class;
    }
}
