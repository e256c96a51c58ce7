package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Announce;
import io.raftkv.core.command.Append;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.Arithmetic.Direction;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.CompareDelete;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.StoreMode;
import io.raftkv.core.command.Sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A seeded random log: puts, conditional puts, appends, deletes, sweeps, announces, the memcached commands (stores in
 * every mode, arithmetic, fetches, compare-deletes, flushes now and delayed) and invalid requests, some with client
 * sessions (including retries and forgotten sequences), stamped with leader times that sometimes go backwards. A few
 * keys and clients, and short TTLs, so that requests collide, keys expire, flushes hide them and sessions go idle.
 */
final class RandomHistory {
    /** Shorter than the default so that sessions go idle within a history. */
    static final long SESSION_IDLE_MILLIS = 3_000;

    private static final int KEY_COUNT = 6;
    private static final int CLIENT_COUNT = 3;
    private static final int REQUESTS_PER_ENTRY_MAX = 4;

    private final Random random;
    private final long[] nextSequenceByClient = new long[CLIENT_COUNT];
    private long leaderTimeMillis = 1_000;

    private RandomHistory(long seed) {
        this.random = new Random(seed);
        Arrays.fill(nextSequenceByClient, 1);
    }

    static List<LogEntry> generate(long seed, int entryCount) {
        RandomHistory history = new RandomHistory(seed);
        List<LogEntry> entries = new ArrayList<>(entryCount);
        for (int index = 0; index < entryCount; index++) {
            entries.add(history.nextEntry());
        }
        return entries;
    }

    private LogEntry nextEntry() {
        // Mostly forward, sometimes backwards, as when leadership moves to a node whose clock is behind.
        leaderTimeMillis = Math.max(0, leaderTimeMillis + random.nextInt(-300, 700));
        List<Request> requests = new ArrayList<>();
        int requestCount = 1 + random.nextInt(REQUESTS_PER_ENTRY_MAX);
        for (int index = 0; index < requestCount; index++) {
            requests.add(new Request(nextSession(), nextCommand()));
        }
        return new LogEntry(leaderTimeMillis, requests);
    }

    private Optional<ClientSession> nextSession() {
        if (random.nextInt(10) < 6) {
            return Optional.empty();
        }
        int client = random.nextInt(CLIENT_COUNT);
        long sequence = random.nextInt(4) == 0 && nextSequenceByClient[client] > 1
                ? 1 + random.nextLong(nextSequenceByClient[client] - 1)
                : nextSequenceByClient[client]++;
        long completedBelow = random.nextLong(sequence + 1);
        return Optional.of(new ClientSession(Bytes.utf8("client-" + client), sequence, completedBelow));
    }

    private Command<?> nextCommand() {
        return switch (random.nextInt(20)) {
            case 0, 1, 2 -> new Put(key(), value(), random.nextInt(), ttlMillis(), Put.UNCONDITIONAL);
            case 3 -> new Put(key(), value(), 0, ttlMillis(), random.nextInt(8) - 1);
            case 4, 5 -> new Append(key(), value(), ttlMillis(), 4 + random.nextInt(24));
            case 6, 7 -> new Delete(key());
            case 8, 9 -> new Sweep(List.of(key(), key()), List.of(clientId(), clientId()));
            case 10 -> new Announce("n" + random.nextInt(3), "127.0.0.1:" + (8000 + random.nextInt(10)));
            case 11, 12 -> new Store(key(), random.nextBoolean() ? value() : counterValue(), random.nextInt(),
                    cacheTtlMillis(), StoreMode.values()[random.nextInt(StoreMode.values().length)],
                    compareRevision(), random.nextBoolean(), optional(cacheTtlMillis()), 4 + random.nextInt(24));
            case 13 -> new Arithmetic(key(), random.nextBoolean() ? Direction.INCREMENT : Direction.DECREMENT,
                    random.nextLong(), compareRevision(), optional(cacheTtlMillis()), random.nextLong(),
                    optional(cacheTtlMillis()));
            case 14, 15 -> new Fetch(key(), optional(cacheTtlMillis()), optional(cacheTtlMillis()),
                    optional(random.nextInt(2_000)));
            case 16 -> new CompareDelete(key(), compareRevision(), random.nextBoolean(), optional(cacheTtlMillis()),
                    random.nextBoolean());
            case 17 -> new FlushAll(random.nextBoolean() ? 0 : random.nextInt(1_500));
            default -> new Put(Bytes.EMPTY, value(), 0, -1, Put.UNCONDITIONAL);
        };
    }

    /** A number in a few forms memcached counters take, or something that is not a number. */
    private Bytes counterValue() {
        return Bytes.utf8(switch (random.nextInt(4)) {
            case 0 -> Long.toUnsignedString(random.nextLong());
            case 1 -> random.nextInt(100) + "  ";
            case 2 -> "18446744073709551615";
            default -> "x" + random.nextInt(10);
        });
    }

    private long compareRevision() {
        return random.nextInt(3) == 0 ? random.nextInt(12) - 1 : Store.NO_COMPARE;
    }

    private long cacheTtlMillis() {
        return switch (random.nextInt(4)) {
            case 0 -> TtlMillis.NEVER;
            case 1 -> TtlMillis.EXPIRED;
            default -> 1 + random.nextInt(2_000);
        };
    }

    private long optional(long ttlMillis) {
        return random.nextBoolean() ? ttlMillis : TtlMillis.NOT_GIVEN;
    }

    private Bytes key() {
        return Bytes.utf8("key-" + random.nextInt(KEY_COUNT));
    }

    private Bytes clientId() {
        return Bytes.utf8("client-" + random.nextInt(CLIENT_COUNT));
    }

    private Bytes value() {
        byte[] value = new byte[random.nextInt(6)];
        random.nextBytes(value);
        return Bytes.wrap(value);
    }

    private long ttlMillis() {
        return random.nextBoolean() ? 0 : 1 + random.nextInt(2_000);
    }
}
