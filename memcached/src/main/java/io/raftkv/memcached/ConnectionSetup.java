package io.raftkv.memcached;

import io.netty.channel.Channel;
import io.raftkv.api.KvService;
import io.raftkv.core.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * What every connection of one front end shares (the executor, counters, access table, connection limit), and the
 * pipeline each connection gets: read throttle, decoder, handler. Tests build connections from it on Netty's
 * embedded channel, exactly as the server does.
 */
final class ConnectionSetup {
    /** The version VERSION and stats report: the memcached protocol level spoken, then raftkv's own version. */
    static final String VERSION = "1.6.0-raftkv-" + implementationVersion();
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSetup.class);

    private final MemcachedFrontEndConfig config;
    private final CommandExecutor executor;
    private final RequestLineParser parser;
    private final ConnectionLimiter limiter;
    private final ValueMemory valueMemory;

    private ConnectionSetup(MemcachedFrontEndConfig config, CommandExecutor executor, ConnectionLimiter limiter) {
        this.config = config;
        this.executor = executor;
        this.parser = new RequestLineParser(config);
        this.limiter = limiter;
        this.valueMemory = new ValueMemory(config.valueBytesInFlightMax());
    }

    static ConnectionSetup create(MemcachedFrontEndConfig config, KvService service, Clock clock,
                                  int workerThreads) {
        Limits limits = config.limits();
        FrontEndStats stats = new FrontEndStats(clock.millis());
        CommandContext context = new CommandContext(service, config, new Expiry(clock, limits),
                new AccessTable(config.accessTableKeysMax()), stats, VERSION);
        return new ConnectionSetup(config, new CommandExecutor(context, workerThreads),
                new ConnectionLimiter(config.connectionsMax(), stats));
    }

    /** Whether the connection may stay; a refused one is closed here. */
    boolean admit(Channel channel) {
        if (limiter.admit(channel)) {
            return true;
        }
        LOG.debug("refusing connection from {}: {} connections are open", channel.remoteAddress(),
                config.connectionsMax());
        channel.close();
        return false;
    }

    void initialize(Channel channel) {
        ReadGate gate = new ReadGate();
        channel.pipeline()
                .addLast("throttle", new ReadThrottle(gate))
                .addLast("decoder", new MemcachedDecoder(parser, config.lineBytesMax(), gate, valueMemory))
                .addLast("handler", new ConnectionHandler(executor, gate, config.pendingRequestsPerConnectionMax(),
                        valueMemory));
    }

    /** Data-block bytes all connections hold right now; for tests. */
    long valueBytesInFlight() {
        return valueMemory.reservedBytes();
    }

    private static String implementationVersion() {
        String version = ConnectionSetup.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
