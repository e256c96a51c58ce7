package io.raftkv.core.command;

/**
 * A change proposed to the replicated log. Every replica applies the same commands in the same order with the same
 * leader-stamped time, so every replica reaches the same state.
 */
public sealed interface Command permits Put, Append, Delete, Sweep, Announce, Store, Arithmetic, Fetch,
        CompareDelete, FlushAll, RaiseNoSpaceAlarm, ClearNoSpaceAlarm {
}
