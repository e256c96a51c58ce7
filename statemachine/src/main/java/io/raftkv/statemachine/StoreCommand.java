package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.CacheMarks;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Result.Written;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.StoreMode;
import io.raftkv.core.command.StoreResult;

import java.util.Optional;

/**
 * memcached's storage commands: set, add, replace, append, prepend, cas and meta set, as {@link Store} specifies them.
 * A store leaves the key without cache marks, except a meta set whose compare revision is older than the key's with
 * the invalidate flag: that stores and marks the key stale.
 */
final class StoreCommand {
    /** A stale mark that no reader has claimed yet, so the next fetch wins the recache. */
    static final CacheMarks STALE_UNCLAIMED = new CacheMarks(true, false);

    private StoreCommand() {
    }

    static StoreResult apply(EntryContext context, Store store) {
        KeySlot slot = KeySlot.read(context, store.key());
        Optional<CacheMarks> marks = compare(slot, store);
        if (marks.isEmpty()) {
            return slot.isLive() ? slot.mismatch() : new NotFound();
        }
        return switch (store.mode()) {
            case SET -> write(context, slot, store, marks.get());
            case ADD -> slot.isLive() ? slot.mismatch() : write(context, slot, store, marks.get());
            case REPLACE -> slot.isLive() ? write(context, slot, store, marks.get()) : new NotFound();
            case APPEND, PREPEND -> slot.isLive() ? extend(context, slot, store, marks.get())
                    : vivify(context, slot, store);
        };
    }

    /**
     * The marks the write leaves when the compare lets it through, or empty when it does not: no compare and an equal
     * revision leave none, an older revision with the invalidate flag leaves the key stale.
     */
    private static Optional<CacheMarks> compare(KeySlot slot, Store store) {
        if (!store.compares() || slot.hasModRevision(store.compareRevision())) {
            return Optional.of(CacheMarks.NONE);
        }
        boolean older = slot.isLive() && store.compareRevision() < slot.liveRecord().metadata().modRevision();
        return store.invalidateIfOlder() && older ? Optional.of(STALE_UNCLAIMED) : Optional.empty();
    }

    private static StoreResult write(EntryContext context, KeySlot slot, Store store, CacheMarks marks) {
        return new Written(slot.change(context, store.flags(), context.expiryFor(store.ttlMillis()), store.value(),
                marks));
    }

    /** Append or prepend to a live key: its flags and expiry stay. */
    private static StoreResult extend(EntryContext context, KeySlot slot, Store store, CacheMarks marks) {
        StoredRecord old = slot.liveRecord();
        Optional<Rejected> tooLarge = KeyCommands.lengthProblem(old.value(), store.value(), store.valueBytesMax());
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        Bytes value = store.mode() == StoreMode.PREPEND
                ? store.value().concat(old.value()) : old.value().concat(store.value());
        return new Written(slot.change(context, old.metadata().flags(), old.metadata().expiresAtMillis(), value,
                marks));
    }

    /** Append or prepend on a miss: creates the key from the command's value when it asks to. */
    private static StoreResult vivify(EntryContext context, KeySlot slot, Store store) {
        if (store.vivifyTtlMillis() == TtlMillis.NOT_GIVEN) {
            return new NotFound();
        }
        return new Written(slot.change(context, store.flags(), context.expiryFor(store.vivifyTtlMillis()),
                store.value(), CacheMarks.NONE));
    }
}
