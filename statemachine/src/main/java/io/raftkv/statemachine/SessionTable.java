package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.Limits;
import io.raftkv.core.codec.BinaryReader;
import io.raftkv.core.codec.BinaryWriter;
import io.raftkv.core.codec.ResultCodec;
import io.raftkv.core.command.Result;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.ReadView;
import io.raftkv.storage.StorageTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SESSIONS and RESULTS key spaces. SESSIONS maps a client id to {@code [completedBelow 8][lastSeenMillis 8]}.
 * RESULTS maps {@code [client id length 1][client id][sequence 8 big-endian]} to the encoded result, so one client's
 * results are contiguous and in sequence order: forgetting a range of them is one scan.
 */
final class SessionTable {
    /** Up to this many completed sequences at once are deleted one by one; more are found with a scan. */
    static final long POINT_DELETES_MAX = 64;
    /** The length prefix of a RESULTS key is one byte. */
    private static final int CLIENT_ID_LENGTH_BYTES_MAX = 255;

    static {
        Invariants.check(Limits.CLIENT_ID_BYTES_MAX <= CLIENT_ID_LENGTH_BYTES_MAX,
                "client ids of %d bytes do not fit a one-byte length", Limits.CLIENT_ID_BYTES_MAX);
    }

    /**
     * @param completedBelow every result below this sequence has been forgotten
     * @param lastSeenMillis the cluster time of the client's last request, for idle expiry
     */
    record Session(long completedBelow, long lastSeenMillis) {
        static final Session NEW = new Session(0, 0);

        Session {
            Invariants.check(completedBelow >= 0, "completedBelow must not be negative, was %d", completedBelow);
            Invariants.check(lastSeenMillis >= 0, "lastSeenMillis must not be negative, was %d", lastSeenMillis);
        }

        boolean isIdleAt(long nowMillis, long sessionIdleMillisMax) {
            // Subtracting instead of adding cannot overflow: both times are non-negative.
            return nowMillis - lastSeenMillis >= sessionIdleMillisMax;
        }

        Bytes encode() {
            return Bytes.wrap(new BinaryWriter(16).writeLong(completedBelow).writeLong(lastSeenMillis).toByteArray());
        }

        static Session decode(Bytes encoded) {
            BinaryReader reader = new BinaryReader(encoded.unsafeArray());
            Session session = new Session(reader.readLong(), reader.readLong());
            reader.expectEnd();
            return session;
        }
    }

    private SessionTable() {
    }

    static Optional<Session> load(ReadView view, Bytes clientId) {
        return view.get(Keyspace.SESSIONS, clientId).map(Session::decode);
    }

    static void save(StorageTransaction transaction, Bytes clientId, Session session) {
        transaction.put(Keyspace.SESSIONS, clientId, session.encode());
    }

    static Optional<Result> storedResult(ReadView view, Bytes clientId, long sequence) {
        return view.get(Keyspace.RESULTS, resultKey(clientId, sequence))
                .map(encoded -> ResultCodec.decode(encoded.unsafeArray()));
    }

    static void storeResult(StorageTransaction transaction, Bytes clientId, long sequence, Result result) {
        transaction.put(Keyspace.RESULTS, resultKey(clientId, sequence), Bytes.wrap(ResultCodec.encode(result)));
    }

    /**
     * Deletes the client's results with sequences in [fromSequence, toSequence). A client usually completes one or a
     * few writes at a time, so a short range is deleted key by key: that is cheaper than an iterator over the
     * transaction and the database, which this does once per write otherwise. A deleted key that was never stored
     * costs nothing but a tombstone, on every replica alike.
     */
    static void forgetResults(StorageTransaction transaction, Bytes clientId, long fromSequence, long toSequence) {
        if (toSequence - fromSequence <= POINT_DELETES_MAX) {
            for (long sequence = fromSequence; sequence < toSequence; sequence++) {
                transaction.delete(Keyspace.RESULTS, resultKey(clientId, sequence));
            }
            return;
        }
        deleteResults(transaction, resultKey(clientId, fromSequence), Optional.of(resultKey(clientId, toSequence)));
    }

    /** Deletes the session and every result it still holds. */
    static void forget(StorageTransaction transaction, Bytes clientId) {
        Bytes prefix = resultPrefix(clientId);
        deleteResults(transaction, prefix, prefix.prefixEnd());
        transaction.delete(Keyspace.SESSIONS, clientId);
    }

    /** Client ids, in byte order, whose session is idle at {@code nowMillis}; at most {@code clientIdsMax}. */
    static List<Bytes> idleClientIds(ReadView view, long nowMillis, long sessionIdleMillisMax, int clientIdsMax) {
        List<Bytes> clientIds = new ArrayList<>();
        if (clientIdsMax <= 0) {
            return clientIds;
        }
        view.scan(Keyspace.SESSIONS, Bytes.EMPTY, Optional.empty(), (clientId, encoded) -> {
            if (Session.decode(encoded).isIdleAt(nowMillis, sessionIdleMillisMax)) {
                clientIds.add(clientId);
            }
            return clientIds.size() < clientIdsMax;
        });
        return clientIds;
    }

    static Bytes resultKey(Bytes clientId, long sequence) {
        return resultPrefix(clientId).concat(Bytes.wrap(new BinaryWriter(8).writeLong(sequence).toByteArray()));
    }

    private static Bytes resultPrefix(Bytes clientId) {
        Invariants.check(!clientId.isEmpty() && clientId.length() <= CLIENT_ID_LENGTH_BYTES_MAX,
                "client id of %d bytes has no RESULTS key", clientId.length());
        return Bytes.wrap(new byte[] {(byte) clientId.length()}).concat(clientId);
    }

    /** Collects the keys first: deleting while a scan of the same transaction runs is not part of its contract. */
    private static void deleteResults(StorageTransaction transaction, Bytes start, Optional<Bytes> end) {
        List<Bytes> keys = new ArrayList<>();
        transaction.scan(Keyspace.RESULTS, start, end, (key, ignored) -> keys.add(key));
        keys.forEach(key -> transaction.delete(Keyspace.RESULTS, key));
    }
}
