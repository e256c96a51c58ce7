package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.CacheMarks;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.FetchResult;
import io.raftkv.core.command.Result.Fetched;
import io.raftkv.core.command.Result.NotFound;

/**
 * A read that changes the key, as {@link Fetch} specifies it: touch, vivify on a miss, and hand the recache win to
 * exactly one caller. Creating a key is a write; touching and claiming rewrite the record without taking a revision.
 */
final class FetchCommand {
    /** What a key created by a fetch carries: its creator won the recache, and later fetches are told so. */
    static final CacheMarks VIVIFIED = new CacheMarks(false, true);

    private FetchCommand() {
    }

    static FetchResult apply(EntryContext context, Fetch fetch) {
        KeySlot slot = KeySlot.read(context, fetch.key());
        if (slot.isLive()) {
            return hit(context, slot, fetch);
        }
        if (fetch.vivifyTtlMillis() == TtlMillis.NOT_GIVEN) {
            return new NotFound();
        }
        KeyMetadata metadata = slot.change(context, 0, context.expiryFor(fetch.vivifyTtlMillis()),
                Bytes.EMPTY, VIVIFIED);
        return new Fetched(new KeyValue(fetch.key(), Bytes.EMPTY, metadata), VIVIFIED, true);
    }

    private static FetchResult hit(EntryContext context, KeySlot slot, Fetch fetch) {
        StoredRecord old = slot.liveRecord();
        long expiresAtMillis = context.expiryFor(fetch.touchTtlMillis(), old.metadata().expiresAtMillis());
        boolean won = !old.marks().recacheClaimed()
                && (old.marks().stale() || expiresSoon(context, expiresAtMillis, fetch.recacheBelowMillis()));
        CacheMarks marks = won ? new CacheMarks(old.marks().stale(), true) : old.marks();
        StoredRecord record = old;
        if (expiresAtMillis != old.metadata().expiresAtMillis() || won) {
            record = slot.rewrite(context, expiresAtMillis, marks);
        }
        return new Fetched(new KeyValue(fetch.key(), record.value(), record.metadata()), record.marks(), won);
    }

    /** Whether the key has less than {@code recacheBelowMillis} to live after this entry, when that was asked. */
    private static boolean expiresSoon(EntryContext context, long expiresAtMillis, long recacheBelowMillis) {
        if (recacheBelowMillis == TtlMillis.NOT_GIVEN || expiresAtMillis == KeyMetadata.NEVER_EXPIRES) {
            return false;
        }
        // Both times are non-negative, so subtracting cannot overflow.
        return expiresAtMillis - context.entryTimeMillis() < recacheBelowMillis;
    }
}
