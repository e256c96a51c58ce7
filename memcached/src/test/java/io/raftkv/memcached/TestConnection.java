package io.raftkv.memcached;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;

/**
 * One client connection on Netty's embedded channel, with the same pipeline the server gives a socket. Text is sent
 * and read back one character per byte, so binary values survive.
 */
final class TestConnection implements AutoCloseable {
    private final EmbeddedChannel channel;

    TestConnection(ConnectionSetup setup) {
        this.channel = new EmbeddedChannel();
        setup.initialize(channel);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    void send(String text) {
        sendBytes(bytes(text));
    }

    void sendBytes(byte[] data) {
        channel.writeInbound(Unpooled.wrappedBuffer(data));
        channel.runPendingTasks();
    }

    /** Everything written back so far, in order. */
    String replies() {
        channel.runPendingTasks();
        StringBuilder text = new StringBuilder();
        for (Object written = channel.readOutbound(); written != null; written = channel.readOutbound()) {
            ByteBuf buffer = (ByteBuf) written;
            text.append(buffer.toString(StandardCharsets.ISO_8859_1));
            buffer.release();
        }
        return text.toString();
    }

    String call(String text) {
        send(text);
        return replies();
    }

    EmbeddedChannel channel() {
        return channel;
    }

    MemcachedDecoder decoder() {
        return channel.pipeline().get(MemcachedDecoder.class);
    }

    boolean isOpen() {
        channel.runPendingTasks();
        return channel.isOpen();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
