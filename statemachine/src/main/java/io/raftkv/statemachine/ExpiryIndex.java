package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.KeyMetadata;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.ReadView;
import io.raftkv.storage.StorageTransaction;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The EXPIRY key space: {@code [expiresAt 8 bytes big-endian][user key]} to nothing. Big-endian times sort in time
 * order, so the sweeper finds the oldest expired keys with one scan instead of reading every record.
 */
final class ExpiryIndex {
    private static final int TIME_BYTES = Long.BYTES;

    private ExpiryIndex() {
    }

    static void add(StorageTransaction transaction, Bytes key, KeyMetadata metadata) {
        if (metadata.expires()) {
            transaction.put(Keyspace.EXPIRY, entryKey(metadata.expiresAtMillis(), key), Bytes.EMPTY);
        }
    }

    static void remove(StorageTransaction transaction, Bytes key, KeyMetadata metadata) {
        if (metadata.expires()) {
            transaction.delete(Keyspace.EXPIRY, entryKey(metadata.expiresAtMillis(), key));
        }
    }

    /** Keys whose expiry is at or before {@code nowMillis}, oldest first, at most {@code keysMax}. */
    static List<Bytes> expiredKeys(ReadView view, long nowMillis, int keysMax) {
        List<Bytes> keys = new ArrayList<>();
        if (keysMax <= 0 || nowMillis < 1) {
            return keys;
        }
        Optional<Bytes> end = nowMillis == Long.MAX_VALUE ? Optional.empty() : Optional.of(timePrefix(nowMillis + 1));
        view.scan(Keyspace.EXPIRY, timePrefix(1), end, (entryKey, ignored) -> {
            keys.add(userKey(entryKey));
            return keys.size() < keysMax;
        });
        return keys;
    }

    static Bytes entryKey(long expiresAtMillis, Bytes key) {
        return timePrefix(expiresAtMillis).concat(key);
    }

    private static Bytes timePrefix(long millis) {
        return Bytes.wrap(ByteBuffer.allocate(TIME_BYTES).putLong(millis).array());
    }

    private static Bytes userKey(Bytes entryKey) {
        Invariants.check(entryKey.length() > TIME_BYTES, "expiry entry %s is too short to hold a key", entryKey);
        byte[] data = entryKey.unsafeArray();
        return Bytes.wrap(Arrays.copyOfRange(data, TIME_BYTES, data.length));
    }
}
