package io.raftkv.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.raftkv.api.ServiceException;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One snapshot on its way to one client. A worker thread writes the snapshot into fixed-size chunks on a bounded
 * queue; Netty's {@code ChunkedWriteHandler} takes them off as the socket drains. A slow client therefore slows the
 * writer instead of filling memory: at most {@link #QUEUED_CHUNKS_MAX} chunks wait at any time.
 *
 * <p>The reply's status line is only sent once the first chunk exists, so a failure before any byte (the barrier
 * found no leader) is still an ordinary error reply. A failure after that can only cut the stream short.
 */
final class SnapshotStream implements ChunkedInput<ByteBuf> {
    static final int CHUNK_BYTES = 64 * 1024;
    static final int QUEUED_CHUNKS_MAX = 16;
    /** How often a writer blocked on a full queue checks whether the client went away. */
    static final long QUEUE_WAIT_MILLIS = 100;

    /** Writes a snapshot to the stream it is given; blocks until done. */
    @FunctionalInterface
    interface SnapshotSource {
        void writeTo(OutputStream out) throws IOException;
    }

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS_MAX);
    private final CompletableFuture<SnapshotStream> firstChunk = new CompletableFuture<>();
    private volatile boolean writerDone;
    private volatile Throwable writerFailure;
    private volatile boolean closed;
    private volatile Runnable onChunk = () -> { };
    private long sentBytes;

    /** Completes with this stream once its first chunk is queued, or with the failure that came before any byte. */
    CompletableFuture<SnapshotStream> firstChunk() {
        return firstChunk;
    }

    /** Called (from the writer thread) whenever a chunk is queued or the writer ends, to wake the sending side. */
    void onChunk(Runnable wakeUp) {
        this.onChunk = wakeUp;
    }

    /** Runs on the worker thread: writes the whole snapshot, then marks the end or the failure. */
    void produce(SnapshotSource source) {
        try {
            ChunkOutput out = new ChunkOutput();
            source.writeTo(out);
            out.finish();
        } catch (IOException | RuntimeException failure) {
            fail(failure);
        }
        writerDone = true;
        firstChunk.complete(this);
        onChunk.run();
    }

    private void fail(Exception failure) {
        if (firstChunk.isDone()) {
            writerFailure = failure;
            return;
        }
        // An I/O error is the node's trouble, worth a retry elsewhere; any other exception is a bug, answered with 500.
        firstChunk.completeExceptionally(failure instanceof IOException
                ? new ServiceException(ServiceException.Kind.UNAVAILABLE,
                        "the snapshot could not be written: " + failure.getMessage(), failure)
                : failure);
    }

    private void enqueue(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, QUEUE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new IOException("the client went away before the snapshot was sent");
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while streaming the snapshot", interrupted);
        }
        firstChunk.complete(this);
        onChunk.run();
    }

    @Override
    public boolean isEndOfInput() {
        return closed || (writerDone && writerFailure == null && chunks.isEmpty());
    }

    /** Netty calls this when the transfer ends or the connection closes; a writer still running then stops. */
    @Override
    public void close() {
        closed = true;
        chunks.clear();
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext context) throws Exception {
        return readChunk(context.alloc());
    }

    /** The next chunk, or null when none is ready yet (the writer wakes the sender when one is). */
    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws Exception {
        byte[] chunk = chunks.poll();
        if (chunk != null) {
            sentBytes += chunk.length;
            return Unpooled.wrappedBuffer(chunk);
        }
        Throwable failure = writerFailure;
        if (failure != null) {
            throw new IOException("the snapshot failed after " + sentBytes + " bytes were sent", failure);
        }
        return null;
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public long progress() {
        return sentBytes;
    }

    /** Cuts what the snapshot writer writes into chunks of {@link #CHUNK_BYTES}. */
    private final class ChunkOutput extends OutputStream {
        private byte[] buffer = new byte[CHUNK_BYTES];
        private int filled;

        @Override
        public void write(int value) throws IOException {
            write(new byte[] {(byte) value}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int written = 0;
            while (written < length) {
                int count = Math.min(length - written, CHUNK_BYTES - filled);
                System.arraycopy(bytes, offset + written, buffer, filled, count);
                filled += count;
                written += count;
                if (filled == CHUNK_BYTES) {
                    enqueue(buffer);
                    buffer = new byte[CHUNK_BYTES];
                    filled = 0;
                }
            }
        }

        /** Sends the last, partial chunk; only called once the whole snapshot was written. */
        void finish() throws IOException {
            if (filled > 0) {
                byte[] last = new byte[filled];
                System.arraycopy(buffer, 0, last, 0, filled);
                enqueue(last);
            }
        }
    }
}
