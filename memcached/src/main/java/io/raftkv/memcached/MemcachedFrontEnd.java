package io.raftkv.memcached;

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
 * memcached's text protocol (classic and meta commands) on Netty, over the node's {@link KvService}: every write is
 * acknowledged only once committed, every read is linearizable. One acceptor loop and four worker loops, memcached's
 * own default thread count, so the two compare like with like; the real work happens in the Raft service.
 */
public final class MemcachedFrontEnd implements AutoCloseable {
    static final int WORKER_THREADS = 4;
    private static final int ACCEPTOR_THREADS = 1;
    private static final long SHUTDOWN_QUIET_MILLIS = 0;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(MemcachedFrontEnd.class);

    private final EventLoopGroup acceptorGroup;
    private final EventLoopGroup workerGroup;
    private final ChannelGroup channels;
    private final Channel serverChannel;

    private MemcachedFrontEnd(EventLoopGroup acceptorGroup, EventLoopGroup workerGroup, ChannelGroup channels,
                              Channel serverChannel) {
        this.acceptorGroup = acceptorGroup;
        this.workerGroup = workerGroup;
        this.channels = channels;
        this.serverChannel = serverChannel;
    }

    /** Binds and serves; a bind failure throws an IOException whose message names the address. */
    public static MemcachedFrontEnd start(MemcachedFrontEndConfig config, KvService service) throws IOException {
        return start(config, service, Clock.systemUTC());
    }

    /** As {@link #start(MemcachedFrontEndConfig, KvService)}, with the clock that exptimes are read against. */
    static MemcachedFrontEnd start(MemcachedFrontEndConfig config, KvService service, Clock clock)
            throws IOException {
        EventLoopGroup acceptorGroup = new MultiThreadIoEventLoopGroup(ACCEPTOR_THREADS,
                new DefaultThreadFactory("raftkv-memcached-accept"), NioIoHandler.newFactory());
        EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(WORKER_THREADS,
                new DefaultThreadFactory("raftkv-memcached"), NioIoHandler.newFactory());
        ChannelGroup channels = new DefaultChannelGroup("raftkv-memcached", GlobalEventExecutor.INSTANCE);
        ConnectionSetup setup = ConnectionSetup.create(config, service, clock, WORKER_THREADS);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptorGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (setup.admit(channel)) {
                            channels.add(channel);
                            setup.initialize(channel);
                        }
                    }
                });
        try {
            Channel serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
            MemcachedFrontEnd frontEnd = new MemcachedFrontEnd(acceptorGroup, workerGroup, channels, serverChannel);
            LOG.info("memcached protocol listening on {}", frontEnd.boundAddress());
            return frontEnd;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            shutDown(acceptorGroup, workerGroup);
            throw new IOException("interrupted while binding the memcached port to " + config.address(),
                    interrupted);
        } catch (Exception bindFailure) {
            shutDown(acceptorGroup, workerGroup);
            throw new IOException("cannot bind the memcached port to " + config.address() + ": "
                    + bindFailure.getMessage(), bindFailure);
        }
    }

    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops accepting, closes every connection and frees the event loops. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        channels.close().syncUninterruptibly();
        shutDown(acceptorGroup, workerGroup);
    }

    private static void shutDown(EventLoopGroup acceptorGroup, EventLoopGroup workerGroup) {
        acceptorGroup.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
        workerGroup.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
    }
}
