package io.raftkv.memcached;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves by hand; the service stamps log entries with it and the front end reads exptimes by it. */
final class TestClock extends Clock {
    /** 2025-01-01T00:00:00Z: far enough from 0 that absolute exptimes are realistic. */
    static final long START_MILLIS = 1_735_689_600_000L;

    private final AtomicLong millis = new AtomicLong(START_MILLIS);

    void advanceMillis(long amount) {
        millis.addAndGet(amount);
    }

    void advanceSeconds(long amount) {
        advanceMillis(amount * 1000);
    }

    long seconds() {
        return millis.get() / 1000;
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
