package io.raftkv.memcached;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** This node's memcached counters, shared by every connection. */
final class FrontEndStats {
    private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
    private final AtomicInteger openConnections = new AtomicInteger();
    private final long startedAtMillis;

    FrontEndStats(long startedAtMillis) {
        this.startedAtMillis = startedAtMillis;
        for (Counter counter : Counter.values()) {
            counters.put(counter, new LongAdder());
        }
    }

    void increment(Counter counter) {
        add(counter, 1);
    }

    void add(Counter counter, long amount) {
        counters.get(counter).add(amount);
    }

    long get(Counter counter) {
        return counters.get(counter).sum();
    }

    /** Counts a hit or a miss. */
    void count(boolean hit, Counter hits, Counter misses) {
        increment(hit ? hits : misses);
    }

    void reset() {
        counters.forEach((counter, adder) -> {
            if (counter.resettable()) {
                adder.reset();
            }
        });
    }

    AtomicInteger openConnections() {
        return openConnections;
    }

    long startedAtMillis() {
        return startedAtMillis;
    }
}
