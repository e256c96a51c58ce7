package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.CacheMarks;
import io.raftkv.core.command.CompareDelete;
import io.raftkv.core.command.CompareDeleteResult;
import io.raftkv.core.command.Result.Deleted;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.core.command.Result.Written;
import io.raftkv.core.command.Store;

/**
 * memcached's meta delete, as {@link CompareDelete} specifies it: delete the key, or keep it marked stale, or keep it
 * with an empty value. Keeping the key is a write that takes a revision, as memcached bumps the CAS.
 */
final class CompareDeleteCommand {
    private CompareDeleteCommand() {
    }

    static CompareDeleteResult apply(EntryContext context, CompareDelete delete) {
        KeySlot slot = KeySlot.read(context, delete.key());
        if (!slot.isLive()) {
            return new NotFound();
        }
        if (delete.compareRevision() != Store.NO_COMPARE && !slot.hasModRevision(delete.compareRevision())) {
            return slot.mismatch();
        }
        StoredRecord old = slot.liveRecord();
        if (!delete.markStale() && !delete.clearValue()) {
            return new Deleted(slot.delete(context), old.metadata());
        }
        Bytes value = delete.clearValue() ? Bytes.EMPTY : old.value();
        // The stale time to live applies only with the stale mark, as memcached's T flag does only with I.
        long expiresAtMillis = delete.markStale()
                ? context.expiryFor(delete.staleTtlMillis(), old.metadata().expiresAtMillis())
                : old.metadata().expiresAtMillis();
        CacheMarks marks = delete.markStale() ? StoreCommand.STALE_UNCLAIMED : CacheMarks.NONE;
        return new Written(slot.change(context, old.metadata().flags(), expiresAtMillis, value, marks));
    }
}
