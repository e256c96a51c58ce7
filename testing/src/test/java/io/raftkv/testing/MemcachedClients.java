package io.raftkv.testing;

import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.transcoders.StringTranscoder;
import net.rubyeye.xmemcached.utils.AddrUtil;

import java.io.IOException;
import java.io.UncheckedIOException;

/** xmemcached clients as an application would build them, pointed at one raftkv node's memcached port. */
final class MemcachedClients {
    /**
     * Longer than xmemcached's one-second default, because a write waits for a quorum's fsync and, during an
     * election, for a new leader; the client library still gives up on its own well before a test's timeout.
     */
    static final long OPERATION_TIMEOUT_MILLIS = 10_000;

    private MemcachedClients() {
    }

    /**
     * One connection to {@code address}. Values are plain UTF-8 strings (flags 0), so incr and decr see decimal
     * numbers exactly as a text-protocol client sent them.
     */
    static MemcachedClient connect(String address) {
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(AddrUtil.getAddresses(address));
        builder.setConnectionPoolSize(1);
        builder.setOpTimeout(OPERATION_TIMEOUT_MILLIS);
        builder.setTranscoder(new StringTranscoder());
        try {
            return builder.build();
        } catch (IOException cannotConnect) {
            throw new UncheckedIOException("cannot connect xmemcached to " + address, cannotConnect);
        }
    }

    static void close(MemcachedClient client) {
        try {
            client.shutdown();
        } catch (IOException closeFailure) {
            throw new UncheckedIOException("xmemcached did not shut down", closeFailure);
        }
    }
}
