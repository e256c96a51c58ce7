package io.raftkv.http;

import io.netty.channel.Channel;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections and refuses those beyond the limit, so a flood of clients cannot exhaust the node. */
final class ConnectionLimiter {
    private final int connectionsMax;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimiter(int connectionsMax) {
        this.connectionsMax = connectionsMax;
    }

    /** Whether the new channel may stay open; an admitted channel is counted until it closes. */
    boolean admit(Channel channel) {
        if (open.incrementAndGet() > connectionsMax) {
            open.decrementAndGet();
            return false;
        }
        channel.closeFuture().addListener(closed -> open.decrementAndGet());
        return true;
    }

    int open() {
        return open.get();
    }
}
