package io.raftkv.memcached;

import io.raftkv.api.KvService;
import io.raftkv.core.Limits;

/** A front end's shared setup over a test service, with a small value limit so limit tests stay small. */
final class TestFrontEnd {
    static final int VALUE_BYTES_MAX = 1024;
    static final Limits LIMITS = Limits.DEFAULT.withValueBytesMax(VALUE_BYTES_MAX);

    private TestFrontEnd() {
    }

    static MemcachedFrontEndConfig config() {
        return MemcachedFrontEndConfig.defaults("127.0.0.1", 0, LIMITS);
    }

    static ConnectionSetup setup(KvService service, TestClock clock) {
        return setup(config(), service, clock);
    }

    static ConnectionSetup setup(MemcachedFrontEndConfig config, KvService service, TestClock clock) {
        return ConnectionSetup.create(config, service, clock, 1);
    }
}
