package io.raftkv.core.command;

/**
 * A command only the node itself proposes (the sweeper, the disk guard, the address announcement), never accepted
 * from a front end. It carries no client session.
 */
public sealed interface InternalCommand<R extends Result> extends Command<R>
        permits Sweep, Announce, RaiseNoSpaceAlarm, ClearNoSpaceAlarm {
}
