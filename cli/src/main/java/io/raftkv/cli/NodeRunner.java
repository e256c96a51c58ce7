package io.raftkv.cli;

import io.raftkv.http.HttpFrontEnd;
import io.raftkv.http.HttpFrontEndConfig;
import io.raftkv.memcached.MemcachedFrontEnd;
import io.raftkv.memcached.MemcachedFrontEndConfig;
import io.raftkv.server.NodeConfig;
import io.raftkv.server.RaftKvNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Wires one node: the Raft node, then its HTTP front end and, when asked for, its memcached front end, then the
 * announcement of the HTTP address. Runs until the process is asked to stop (SIGTERM or Ctrl-C); the shutdown hook
 * closes the front ends first, so no request arrives at a closing node.
 */
final class NodeRunner {
    /** How long a removed node keeps answering requests already in flight before it stops. */
    static final long REMOVED_NODE_DRAIN_MILLIS = 2_000;

    private NodeRunner() {
    }

    static int run(ServerSettings settings, CliContext context)
            throws IOException, InterruptedException, ExecutionException {
        NodeConfig config = JoinPreflight.resolve(settings.nodeConfig(), context.out());
        RaftKvNode node = RaftKvNode.start(config);
        HttpFrontEnd http = startHttp(settings, node);
        Optional<MemcachedFrontEnd> memcached = startMemcached(settings, node, http);
        InetSocketAddress bound = http.boundAddress();
        String httpAddress = settings.http().host() + ":" + bound.getPort();
        node.announceHttpAddress(httpAddress);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(http, memcached, node, context),
                "raftkv-shutdown"));
        String memcachedAddress = memcached.map(frontEnd -> ", memcached " + settings.memcached().orElseThrow().host()
                + ":" + frontEnd.boundAddress().getPort()).orElse("");
        context.out().println("raftkv node " + config.nodeId() + " ready: raft " + config.self().address()
                + ", http " + httpAddress + memcachedAddress + ", data " + config.dataDirectory());
        // The node runs on its own threads; this one waits for the shutdown hook to end the process, or for the node to
        // fail on its own, which ends it loudly: a node that cannot apply entries must not keep answering.
        CompletableFuture.anyOf(node.stoppedUnexpectedly(), node.removedFromCluster()).join();
        if (node.removedFromCluster().isDone()) {
            // As etcd does with a removed member: stop, successfully, so a supervisor does not restart it. Answers
            // in flight go out first, among them, when this node took the removal request, the answer to it.
            context.err().println("raftkv: node " + config.nodeId() + " is no longer a member and stops: "
                    + node.removedFromCluster().get());
            Thread.sleep(REMOVED_NODE_DRAIN_MILLIS);
            stop(http, memcached, node, context);
        }
        String reason = node.stoppedUnexpectedly().get();
        context.err().println("raftkv: node " + config.nodeId() + " stopped: " + reason);
        context.err().flush();
        Runtime.getRuntime().halt(ExitCodes.NODE_FAILED);
        return ExitCodes.NODE_FAILED;
    }

    /** A port already taken is a setting problem, reported as one line like any other bad setting. */
    private static HttpFrontEnd startHttp(ServerSettings settings, RaftKvNode node) throws IOException {
        HttpFrontEndConfig httpConfig = new HttpFrontEndConfig(settings.http().host(), settings.http().port(),
                settings.nodeConfig().limits(), HttpFrontEndConfig.CONNECTIONS_MAX_DEFAULT);
        try {
            return HttpFrontEnd.start(httpConfig, node);
        } catch (IOException | UncheckedIOException cannotBind) {
            closeAfterFailedStart(node, cannotBind);
            // The front end's message names the address already.
            throw new SettingException("--http: " + cannotBind.getMessage(), cannotBind);
        }
    }

    private static Optional<MemcachedFrontEnd> startMemcached(ServerSettings settings, RaftKvNode node,
                                                              HttpFrontEnd http) throws IOException {
        if (settings.memcached().isEmpty()) {
            return Optional.empty();
        }
        HostPort address = settings.memcached().get();
        MemcachedFrontEndConfig config = MemcachedFrontEndConfig.defaults(address.host(), address.port(),
                settings.nodeConfig().limits());
        try {
            return Optional.of(MemcachedFrontEnd.start(config, node));
        } catch (IOException | UncheckedIOException cannotBind) {
            http.close();
            closeAfterFailedStart(node, cannotBind);
            throw new SettingException("--memcached: " + cannotBind.getMessage(), cannotBind);
        }
    }

    private static void closeAfterFailedStart(RaftKvNode node, Exception startFailure) {
        try {
            node.close();
        } catch (Exception closeFailure) {
            startFailure.addSuppressed(closeFailure);
        }
    }

    /**
     * Runs in the shutdown hook. Ends with {@code halt}, because a JVM stopped by a signal otherwise exits 130 or 143,
     * and a requested stop is a success; a failed close exits 1 so that supervisors notice.
     */
    private static void stop(HttpFrontEnd http, Optional<MemcachedFrontEnd> memcached, RaftKvNode node,
                             CliContext context) {
        int exitCode = ExitCodes.OK;
        try {
            memcached.ifPresent(MemcachedFrontEnd::close);
            http.close();
            node.close();
            context.out().println("raftkv node stopped");
        } catch (Exception closeFailure) {
            context.err().println("raftkv: the node did not close cleanly:");
            closeFailure.printStackTrace(context.err());
            exitCode = 1;
        }
        context.out().flush();
        context.err().flush();
        Runtime.getRuntime().halt(exitCode);
    }
}
