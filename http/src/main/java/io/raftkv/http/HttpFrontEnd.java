package io.raftkv.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.raftkv.api.KvService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/JSON API of docs/http-api.md on Netty. One small acceptor loop and two worker loops: requests are cheap to
 * parse and the real work happens in the Raft service, so more threads would only compete for the node's cores.
 */
public final class HttpFrontEnd implements AutoCloseable {
    /** A 4096-byte key percent-encoded is 12 KiB; a listing's start and end bounds can both be that long. */
    static final int INITIAL_LINE_BYTES_MAX = 32 * 1024;
    static final int HEADER_BYTES_MAX = 8 * 1024;
    private static final int ACCEPTOR_THREADS = 1;
    private static final int WORKER_THREADS = 2;
    private static final long SHUTDOWN_QUIET_MILLIS = 0;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(HttpFrontEnd.class);

    private final EventLoopGroup acceptorGroup;
    private final EventLoopGroup workerGroup;
    private final ChannelGroup channels;
    private final Channel serverChannel;
    private final ClusterStatusCollector collector;

    private HttpFrontEnd(EventLoopGroup acceptorGroup, EventLoopGroup workerGroup, ChannelGroup channels,
                         Channel serverChannel, ClusterStatusCollector collector) {
        this.acceptorGroup = acceptorGroup;
        this.workerGroup = workerGroup;
        this.channels = channels;
        this.serverChannel = serverChannel;
        this.collector = collector;
    }

    /** Binds and serves; a bind failure throws an IOException whose message names the address. */
    public static HttpFrontEnd start(HttpFrontEndConfig config, KvService service) throws IOException {
        EventLoopGroup acceptorGroup = new MultiThreadIoEventLoopGroup(ACCEPTOR_THREADS,
                new DefaultThreadFactory("raftkv-http-accept"), NioIoHandler.newFactory());
        EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(WORKER_THREADS,
                new DefaultThreadFactory("raftkv-http"), NioIoHandler.newFactory());
        ChannelGroup channels = new DefaultChannelGroup("raftkv-http", GlobalEventExecutor.INSTANCE);
        ClusterStatusCollector collector = new ClusterStatusCollector(service);
        RequestDispatcher dispatcher =
                new RequestDispatcher(service, config.limits(), Clock.systemUTC(), collector);
        ConnectionLimiter limiter = new ConnectionLimiter(config.connectionsMax());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptorGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        initializeConnection(channel, config, limiter, channels, dispatcher, service);
                    }
                });
        try {
            Channel serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
            HttpFrontEnd frontEnd = new HttpFrontEnd(acceptorGroup, workerGroup, channels, serverChannel, collector);
            LOG.info("HTTP API listening on {}", frontEnd.boundAddress());
            return frontEnd;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            shutDown(acceptorGroup, workerGroup, collector);
            throw new IOException("interrupted while binding the HTTP API to " + config.address(), interrupted);
        } catch (Exception bindFailure) {
            shutDown(acceptorGroup, workerGroup, collector);
            throw new IOException("cannot bind the HTTP API to " + config.address() + ": " + bindFailure.getMessage(),
                    bindFailure);
        }
    }

    private static void initializeConnection(SocketChannel channel, HttpFrontEndConfig config,
                                             ConnectionLimiter limiter, ChannelGroup channels,
                                             RequestDispatcher dispatcher, KvService service) {
        if (!limiter.admit(channel)) {
            LOG.debug("refusing connection from {}: {} connections are open", channel.remoteAddress(),
                    config.connectionsMax());
            channel.close();
            return;
        }
        channels.add(channel);
        HttpDecoderConfig decoderConfig = new HttpDecoderConfig()
                .setMaxInitialLineLength(INITIAL_LINE_BYTES_MAX)
                .setMaxHeaderSize(HEADER_BYTES_MAX);
        channel.pipeline()
                .addLast("codec", new HttpServerCodec(decoderConfig))
                .addLast("chunked", new ChunkedWriteHandler())
                .addLast("aggregator", new BodyLimitAggregator(config.limits().valueBytesMax()))
                .addLast("handler", new ConnectionHandler(dispatcher, service));
    }

    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops accepting, closes every connection and frees the event loops. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        channels.close().syncUninterruptibly();
        shutDown(acceptorGroup, workerGroup, collector);
    }

    private static void shutDown(EventLoopGroup acceptorGroup, EventLoopGroup workerGroup,
                                 ClusterStatusCollector collector) {
        acceptorGroup.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
        workerGroup.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
        collector.close();
    }
}
