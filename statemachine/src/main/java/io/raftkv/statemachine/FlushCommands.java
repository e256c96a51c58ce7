package io.raftkv.statemachine;

import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.Result.Flushed;

/**
 * memcached's flush_all, as {@link FlushAll} specifies it, and the delayed flush taking effect. Both are O(1): they
 * move the flushed-through revision in META, {@link Visibility} hides every record at or below it, and the sweeper
 * reclaims the storage afterwards.
 */
final class FlushCommands {
    private FlushCommands() {
    }

    /**
     * A flush now hides every key written before it and moves the revision by one, like any change. A delayed flush
     * only records when it will happen, replacing any pending one, and changes no key yet.
     */
    static Flushed flushAll(EntryContext context, FlushAll flushAll) {
        if (flushAll.delayMillis() == 0) {
            context.changeFlush(context.flush().flushedThrough(context.revision()));
            context.nextRevision();
            return new Flushed(context.entryTimeMillis());
        }
        long flushAtMillis = context.timeAfter(flushAll.delayMillis());
        context.changeFlush(context.flush().pendingAt(flushAtMillis));
        return new Flushed(flushAtMillis);
    }

    /**
     * The flush state an entry starts from: a pending flush whose time the entry has reached takes effect before its
     * first request, hiding everything written by earlier entries. It does not move the revision, which counts
     * requests' changes; reads judge by the stored cluster time, so they see the flush exactly from this entry on.
     */
    static FlushState atEntryStart(FlushState flush, long entryTimeMillis, long revisionBefore) {
        return flush.isDueAt(entryTimeMillis) ? flush.flushedThrough(revisionBefore) : flush;
    }
}
