package io.raftkv.memcached;

import io.netty.channel.Channel;

/** Counts open connections and refuses those beyond the limit, so a flood of clients cannot exhaust the node. */
final class ConnectionLimiter {
    private final int connectionsMax;
    private final FrontEndStats stats;

    ConnectionLimiter(int connectionsMax, FrontEndStats stats) {
        this.connectionsMax = connectionsMax;
        this.stats = stats;
    }

    /** Whether the new channel may stay open; an admitted channel is counted until it closes. */
    boolean admit(Channel channel) {
        if (stats.openConnections().incrementAndGet() > connectionsMax) {
            stats.openConnections().decrementAndGet();
            stats.increment(Counter.REJECTED_CONNECTIONS);
            return false;
        }
        stats.increment(Counter.TOTAL_CONNECTIONS);
        channel.closeFuture().addListener(closed -> stats.openConnections().decrementAndGet());
        return true;
    }
}
