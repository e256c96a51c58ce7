package io.raftkv.memcached;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;

import java.util.List;
import java.util.Optional;

/**
 * Frames the byte stream into {@link ClientRequest}s: command lines ending in \r\n (a bare \n is accepted, as
 * memcached accepts it), and after a storage line, its data block of exactly the declared length and a \r\n.
 *
 * <p>Memory stays bounded by what this node allows: a line is buffered up to {@code lineBytesMax}, a data block only
 * once its declared length passed the value limit, and a refused data block is swallowed as it streams in, never
 * buffered. A connection that closes mid-value leaves nothing behind: the partial block is released with the
 * decoder's buffer and no request is produced for it. Every accepted data block is reserved in the front end's
 * {@link ValueMemory} when its line is read; the reservation passes to the request (the handler releases it once
 * answered), or is released here when the block turns out bad or the connection closes first.
 */
final class MemcachedDecoder extends ByteToMessageDecoder {
    enum State {
        /** Waiting for a command line. */
        LINE,
        /** Waiting for the data block of {@link #pending}. */
        DATA,
        /** Discarding the data block of a refused storage command. */
        SWALLOW,
        /** The stream can no longer be framed (a line was too long); everything is discarded until the close. */
        CLOSED
    }

    private static final byte NEWLINE = '\n';
    private static final byte CARRIAGE_RETURN = '\r';
    private static final int DATA_TERMINATOR_BYTES = 2;

    private final RequestLineParser parser;
    private final int lineBytesMax;
    private final ReadGate gate;
    private final ValueMemory valueMemory;
    private State state = State.LINE;
    private Optional<PendingValue> pending = Optional.empty();
    private long swallowRemaining;

    MemcachedDecoder(RequestLineParser parser, int lineBytesMax, ReadGate gate, ValueMemory valueMemory) {
        this.parser = parser;
        this.lineBytesMax = lineBytesMax;
        this.gate = gate;
        this.valueMemory = valueMemory;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case LINE -> decodeLine(in, out);
            case DATA -> decodeData(in, out);
            case SWALLOW -> swallow(in);
            case CLOSED -> in.skipBytes(in.readableBytes());
        }
    }

    private void decodeLine(ByteBuf in, List<Object> out) {
        if (!gate.isOpen()) {
            return;
        }
        int searchBytes = Math.min(in.readableBytes(), lineBytesMax);
        int newline = in.indexOf(in.readerIndex(), in.readerIndex() + searchBytes, NEWLINE);
        if (newline < 0) {
            if (in.readableBytes() >= lineBytesMax) {
                out.add(new ClientRequest.LineTooLong());
                state = State.CLOSED;
                in.skipBytes(in.readableBytes());
            }
            return;
        }
        int lineEnd = newline > in.readerIndex() && in.getByte(newline - 1) == CARRIAGE_RETURN ? newline - 1 : newline;
        byte[] line = ByteBufUtil.getBytes(in, in.readerIndex(), lineEnd - in.readerIndex());
        in.readerIndex(newline + 1);
        switch (parser.parse(line)) {
            case LineOutcome.Complete complete -> out.add(complete.request());
            case LineOutcome.AwaitingData awaiting -> awaitData(awaiting.pending(), out);
            case LineOutcome.Refused refused -> {
                out.add(refused.reply());
                swallowRemaining = refused.swallowBytes();
                state = State.SWALLOW;
            }
        }
    }

    private void awaitData(PendingValue value, List<Object> out) {
        long blockBytes = ValueMemory.blockBytes(value.valueBytes());
        if (!valueMemory.tryReserve(blockBytes)) {
            out.add(value.outOfMemory());
            swallowRemaining = blockBytes;
            state = State.SWALLOW;
            return;
        }
        pending = Optional.of(value);
        state = State.DATA;
    }

    private void decodeData(ByteBuf in, List<Object> out) {
        PendingValue value = pending.orElseThrow(() -> new Invariants.InvariantViolation("no pending data block"));
        if (in.readableBytes() < value.valueBytes() + DATA_TERMINATOR_BYTES) {
            return;
        }
        byte[] data = ByteBufUtil.getBytes(in, in.readerIndex(), value.valueBytes());
        in.skipBytes(value.valueBytes());
        byte first = in.readByte();
        byte second = in.readByte();
        boolean terminated = first == CARRIAGE_RETURN && second == NEWLINE;
        if (terminated) {
            out.add(value.withValue(Bytes.wrap(data)));
        } else {
            valueMemory.release(ValueMemory.blockBytes(value.valueBytes()));
            out.add(value.badDataChunk());
        }
        pending = Optional.empty();
        state = State.LINE;
    }

    private void swallow(ByteBuf in) {
        int discarded = (int) Math.min(in.readableBytes(), swallowRemaining);
        in.skipBytes(discarded);
        swallowRemaining -= discarded;
        if (swallowRemaining == 0) {
            state = State.LINE;
        }
    }

    /** The connection went away in the middle of a data block: its reservation goes with it. */
    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        pending.ifPresent(value -> valueMemory.release(ValueMemory.blockBytes(value.valueBytes())));
        pending = Optional.empty();
    }

    State state() {
        return state;
    }

    long swallowRemaining() {
        return swallowRemaining;
    }

    /** Bytes received and held, not yet framed into a request. */
    int bufferedBytes() {
        return actualReadableBytes();
    }
}
