package io.raftkv.memcached;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.raftkv.core.Invariants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * One connection's requests, in order. Replies are written in request order whatever order the service answers in,
 * and effects follow request order too:
 *
 * <ul>
 *   <li>stages start in request order, each once every earlier request has started its own;</li>
 *   <li>consecutive writes run together (Raft applies one node's proposals in the order they were submitted);</li>
 *   <li>consecutive reads run together;</li>
 *   <li>a read waits until every earlier write has completed, and a write until every earlier read has, so a
 *       pipelined {@code set k; get k} always sees its own write and {@code get k; set k} never sees the later one.</li>
 * </ul>
 *
 * <p>noreply requests keep their place in this order; only their replies are dropped. The connection stops reading
 * while it has {@code pendingRequestsMax} requests unanswered, or while its replies wait unsent because the client
 * does not read them (the channel is not writable), and resumes once neither holds: a client can make this node hold
 * only a bounded amount for it. All state is touched on the channel's event loop.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final CommandExecutor executor;
    private final ReadGate gate;
    private final int pendingRequestsMax;
    private final ValueMemory valueMemory;
    /** Every request read and not yet answered, oldest first. */
    private final Deque<Entry> entries = new ArrayDeque<>();
    /** Set once a request that ends the connection was read: later ones are neither run nor answered. */
    private boolean lastRequestSeen;
    /** Set once the connection is closing or closed: replies still arriving are dropped. */
    private boolean closing;
    private boolean pumping;
    private boolean pumpAgain;

    ConnectionHandler(CommandExecutor executor, ReadGate gate, int pendingRequestsMax, ValueMemory valueMemory) {
        this.executor = executor;
        this.gate = gate;
        this.pendingRequestsMax = pendingRequestsMax;
        this.valueMemory = valueMemory;
    }

    /** One request's progress: its current step, and whether that step's stage is running. */
    private static final class Entry {
        private final ClientRequest request;
        private Step step;
        private boolean running;

        Entry(ClientRequest request, Step step) {
            this.request = request;
            this.step = step;
        }

        boolean waiting() {
            return step instanceof Step.Next && !running;
        }

        String name() {
            return request.getClass().getSimpleName();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof ClientRequest request)) {
            throw new Invariants.InvariantViolation("unexpected pipeline message " + message.getClass().getName());
        }
        if (lastRequestSeen || closing) {
            valueMemory.release(request.heldValueBytes());
            return;
        }
        Entry entry = new Entry(request, first(request));
        if (entry.step instanceof Step.Done done && done.reply().closeAfter()) {
            lastRequestSeen = true;
        }
        entries.addLast(entry);
        pump(ctx);
    }

    private Step first(ClientRequest request) {
        try {
            return executor.start(request);
        } catch (RuntimeException bug) {
            // A bug in one command must not take the connection's other requests with it.
            return Step.done(ServiceFailures.of(bug, Step.Stage.READ, request.getClass().getSimpleName()));
        }
    }

    /** Starts what may start and writes what is answered, until neither changes anything; never re-entered. */
    private void pump(ChannelHandlerContext ctx) {
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            do {
                pumpAgain = false;
                startRunnable(ctx);
                writeAnswered(ctx);
            } while (pumpAgain && !closing);
        } finally {
            pumping = false;
        }
        applyBackpressure(ctx);
    }

    private void startRunnable(ChannelHandlerContext ctx) {
        boolean readRunning = false;
        boolean writeRunning = false;
        for (Entry entry : entries) {
            if (entry.waiting()) {
                Step.Stage stage = ((Step.Next) entry.step).stage();
                boolean mayStart = switch (stage) {
                    case READ -> !writeRunning;
                    case WRITE -> !readRunning;
                };
                if (!mayStart) {
                    return;
                }
                start(ctx, entry);
            }
            if (entry.running) {
                switch (((Step.Next) entry.step).stage()) {
                    case READ -> readRunning = true;
                    case WRITE -> writeRunning = true;
                }
            } else if (entry.waiting()) {
                // Its stage finished at once and the next one waits: the next pass looks at it afresh.
                return;
            }
        }
    }

    private void start(ChannelHandlerContext ctx, Entry entry) {
        Step.Next next = (Step.Next) entry.step;
        entry.running = true;
        CompletableFuture<Step> outcome;
        try {
            outcome = next.action().get();
        } catch (RuntimeException bug) {
            outcome = CompletableFuture.failedFuture(bug);
        }
        outcome.whenComplete((step, failure) -> {
            if (ctx.executor().inEventLoop()) {
                finish(ctx, entry, next.stage(), step, failure);
            } else {
                ctx.executor().execute(() -> finish(ctx, entry, next.stage(), step, failure));
            }
        });
    }

    private void finish(ChannelHandlerContext ctx, Entry entry, Step.Stage stage, Step step, Throwable failure) {
        entry.running = false;
        entry.step = failure == null ? step : Step.done(ServiceFailures.of(failure, stage, entry.name()));
        pump(ctx);
    }

    private void writeAnswered(ChannelHandlerContext ctx) {
        boolean wrote = false;
        while (!closing && !entries.isEmpty() && entries.peekFirst().step instanceof Step.Done done) {
            Entry entry = entries.pollFirst();
            // The value has been replicated (or refused) by now; only the reply is left to send.
            valueMemory.release(entry.request.heldValueBytes());
            Reply reply = entry.request.noreply() ? Reply.none() : done.reply();
            LOG.debug("{} {} -> {} bytes", ctx.channel().remoteAddress(), entry.name(), reply.length());
            if (!reply.isEmpty()) {
                ctx.write(Unpooled.wrappedBuffer(reply.segments().toArray(byte[][]::new)));
                wrote = true;
            }
            if (done.reply().closeAfter()) {
                closing = true;
                releaseAll();
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (wrote) {
            ctx.flush();
        }
    }

    /**
     * Stops reading at the limit or while replies pile up unsent; otherwise reads again and decodes what is already
     * buffered, which no new socket read might otherwise trigger (the client may be waiting for replies before it
     * sends more).
     */
    private void applyBackpressure(ChannelHandlerContext ctx) {
        if (closing) {
            return;
        }
        boolean mayRead = entries.size() < pendingRequestsMax && ctx.channel().isWritable();
        if (gate.isOpen() && !mayRead) {
            gate.close();
            ctx.channel().config().setAutoRead(false);
        } else if (!gate.isOpen() && mayRead) {
            gate.open();
            ctx.channel().config().setAutoRead(true);
            ctx.executor().execute(() -> {
                if (ctx.channel().isActive()) {
                    ctx.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);
                }
            });
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        applyBackpressure(ctx);
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // Replies still being computed for a gone client are dropped when they complete.
        closing = true;
        releaseAll();
        super.channelInactive(ctx);
    }

    /** Forgets every unanswered request, and the value memory they held. */
    private void releaseAll() {
        entries.forEach(entry -> valueMemory.release(entry.request.heldValueBytes()));
        entries.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // A client that disconnects abruptly is normal traffic, not a fault of this node.
            LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.error("connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        }
        closing = true;
        ctx.close();
    }
}
