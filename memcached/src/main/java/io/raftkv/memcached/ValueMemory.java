package io.raftkv.memcached;

import io.raftkv.core.Invariants;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of data blocks that all connections of one front end hold at once: from the moment a storage line is
 * accepted until its reply is written (or its connection closes). Each connection is bounded on its own (one line,
 * one value, a bounded queue of requests), but thousands of connections each sending large values slowly would add
 * up; this budget bounds their sum. A storage line that does not fit is answered
 * {@code SERVER_ERROR out of memory storing object}, as memcached answers when it cannot allocate, and its data is
 * skipped as it arrives.
 */
final class ValueMemory {
    /** A data block is followed by \r\n, which is read (and held) with it. */
    static final int DATA_TERMINATOR_BYTES = 2;

    private final long bytesMax;
    private final AtomicLong reservedBytes = new AtomicLong();

    ValueMemory(long bytesMax) {
        Invariants.check(bytesMax >= 1, "bytesMax must be positive, was %d", bytesMax);
        this.bytesMax = bytesMax;
    }

    /** What a data block of {@code valueBytes} takes from the budget. */
    static long blockBytes(int valueBytes) {
        return (long) valueBytes + DATA_TERMINATOR_BYTES;
    }

    /** Reserves {@code bytes} if they fit under the budget; the caller releases them exactly once. */
    boolean tryReserve(long bytes) {
        Invariants.check(bytes >= 0, "cannot reserve %d bytes", bytes);
        long current;
        do {
            current = reservedBytes.get();
            if (current + bytes > bytesMax) {
                return false;
            }
        } while (!reservedBytes.compareAndSet(current, current + bytes));
        return true;
    }

    void release(long bytes) {
        long after = reservedBytes.addAndGet(-bytes);
        Invariants.check(after >= 0, "released %d bytes more than were reserved", -after);
    }

    long reservedBytes() {
        return reservedBytes.get();
    }
}
