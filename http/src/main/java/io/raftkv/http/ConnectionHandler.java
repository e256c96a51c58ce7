package io.raftkv.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.ReferenceCountUtil;
import io.raftkv.api.KvService;
import io.raftkv.api.NodeStatus;
import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One connection's requests: hands each to the dispatcher and writes the replies in the order the requests came,
 * whatever order they complete in, as HTTP/1.1 pipelining requires. All state is touched on the channel's event loop.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    /** Requests answered out of order wait here; beyond this many in flight the connection stops reading. */
    static final int PIPELINED_REQUESTS_MAX = 64;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final RequestDispatcher dispatcher;
    private final KvService service;
    private final Map<Long, Outgoing> completedBySequence = new HashMap<>();
    private long nextSequence;
    private long nextSequenceToWrite;
    /** Set once a request that ends the connection has been read. */
    private boolean lastRequestSeen;
    /** Set once the connection is closing or closed; replies still arriving are dropped. */
    private boolean closing;

    ConnectionHandler(RequestDispatcher dispatcher, KvService service) {
        this.dispatcher = dispatcher;
        this.service = service;
    }

    private record Outgoing(Reply reply, boolean closeAfter) {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            // After a request that ends the connection, anything more the client pipelined is neither run nor answered.
            if (lastRequestSeen) {
                return;
            }
            if (message instanceof FullHttpRequest request) {
                accept(ctx, request);
            } else if (message instanceof OversizedBody oversized) {
                ApiError tooLarge = ApiError.valueTooLarge("the body exceeds the value limit; nothing was stored");
                enqueue(ctx, nextSequence++, new Outgoing(Json.errorReply(tooLarge), oversized.closeAfterReply()));
            } else {
                throw new Invariants.InvariantViolation("unexpected pipeline message " + message.getClass().getName());
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void accept(ChannelHandlerContext ctx, FullHttpRequest request) {
        long sequence = nextSequence++;
        if (!request.decoderResult().isSuccess()) {
            // The decoder discards everything after a malformed message, so the connection cannot go on.
            ApiError error = ApiError.badRequest(decoderFailureMessage(request.decoderResult().cause()));
            enqueue(ctx, sequence, new Outgoing(Json.errorReply(error), true));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        lastRequestSeen = !keepAlive;
        InboundRequest inbound = inbound(request);
        dispatcher.dispatch(inbound).thenAccept(reply -> {
            LOG.debug("{} {} -> {}", inbound.method(), inbound.uri(), reply.status());
            // A streamed snapshot ends its connection: nothing pipelined behind it waits for a backup to finish.
            Outgoing outgoing = new Outgoing(reply, !keepAlive || reply.stream().isPresent());
            if (ctx.executor().inEventLoop()) {
                completeInOrder(ctx, sequence, outgoing);
            } else {
                ctx.executor().execute(() -> completeInOrder(ctx, sequence, outgoing));
            }
        });
        if (nextSequence - nextSequenceToWrite >= PIPELINED_REQUESTS_MAX) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** Queues a reply decided on the spot; {@code closeAfter} also ends reading further requests. */
    private void enqueue(ChannelHandlerContext ctx, long sequence, Outgoing outgoing) {
        lastRequestSeen = outgoing.closeAfter();
        completeInOrder(ctx, sequence, outgoing);
    }

    private void completeInOrder(ChannelHandlerContext ctx, long sequence, Outgoing outgoing) {
        if (closing) {
            outgoing.reply().stream().ifPresent(SnapshotStream::close);
            return;
        }
        completedBySequence.put(sequence, outgoing);
        Outgoing next;
        while (!closing && (next = completedBySequence.remove(nextSequenceToWrite)) != null) {
            nextSequenceToWrite++;
            ChannelFuture written = write(ctx, next);
            if (next.closeAfter()) {
                closing = true;
                closeUnwrittenStreams();
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }
        ctx.flush();
        if (!closing && !ctx.channel().config().isAutoRead()
                && nextSequence - nextSequenceToWrite < PIPELINED_REQUESTS_MAX) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private ChannelFuture write(ChannelHandlerContext ctx, Outgoing outgoing) {
        if (outgoing.reply().stream().isEmpty()) {
            return ctx.write(response(outgoing));
        }
        SnapshotStream stream = outgoing.reply().stream().get();
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(outgoing.reply().status()));
        HttpUtil.setTransferEncodingChunked(head, true);
        addHeaders(head, outgoing);
        ctx.write(head);
        ChunkedWriteHandler chunked = ctx.pipeline().get(ChunkedWriteHandler.class);
        stream.onChunk(chunked::resumeTransfer);
        // A snapshot that fails part way must not look complete: closing without the last chunk tells the client.
        return ctx.write(new HttpChunkedInput(stream)).addListener(sent -> {
            if (!sent.isSuccess()) {
                LOG.warn("snapshot stream to {} ended early: {}", ctx.channel().remoteAddress(),
                        sent.cause().toString());
                ctx.close();
            }
        });
    }

    private void closeUnwrittenStreams() {
        completedBySequence.values().forEach(unwritten -> unwritten.reply().stream().ifPresent(SnapshotStream::close));
        completedBySequence.clear();
    }

    private FullHttpResponse response(Outgoing outgoing) {
        Reply reply = outgoing.reply();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        addHeaders(response, outgoing);
        return response;
    }

    private void addHeaders(HttpResponse response, Outgoing outgoing) {
        Reply reply = outgoing.reply();
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(response.headers()::set);
        NodeStatus status = service.status();
        response.headers().set("X-Raftkv-Node", status.nodeId());
        status.leaderId().ifPresent(leader -> response.headers().set("X-Raftkv-Leader", leader));
        if (outgoing.closeAfter()) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
    }

    private static InboundRequest inbound(FullHttpRequest request) {
        Map<String, List<String>> headersByName = new HashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headersByName.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(header.getValue());
        }
        Bytes body = Bytes.wrap(ByteBufUtil.getBytes(request.content()));
        return new InboundRequest(request.method().name(), request.uri(), headersByName, body);
    }

    private static String decoderFailureMessage(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return "the request line is longer than " + HttpFrontEnd.INITIAL_LINE_BYTES_MAX + " bytes";
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return "the headers are larger than " + HttpFrontEnd.HEADER_BYTES_MAX + " bytes";
        }
        return "malformed HTTP request";
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // Replies still being computed for a gone client are dropped when they complete.
        closing = true;
        closeUnwrittenStreams();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // A client that disconnects abruptly is normal traffic, not a fault of this node.
            LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.error("connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        }
        closing = true;
        ctx.close();
    }
}
