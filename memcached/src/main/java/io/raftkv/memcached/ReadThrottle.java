package io.raftkv.memcached;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Drops read requests while the connection's {@link ReadGate} is closed. Turning auto-read off is not enough on its
 * own: a decoder that produced nothing asks for one more read, and a paused decoder produces nothing, so without this
 * the socket would keep being read into the decoder's buffer.
 */
final class ReadThrottle extends ChannelOutboundHandlerAdapter {
    private final ReadGate gate;

    ReadThrottle(ReadGate gate) {
        this.gate = gate;
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (gate.isOpen()) {
            ctx.read();
        }
    }
}
