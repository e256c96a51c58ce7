package io.raftkv.cli;

import io.raftkv.client.ClusterView;
import io.raftkv.client.RaftKvClient;
import io.raftkv.client.RaftKvUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Start a local cluster: one `raftkv server` process per node, on 127.0.0.1.",
                "Node nI serves HTTP on BASE+I-1, Raft on BASE+1000+I-1 and memcached on BASE+3000+I-1;",
                "its output goes to DIR/nI/server.log.",
                "Ctrl-C stops every node. Data survives a restart with the same --data-dir."})
final class DevCommand implements Callable<Integer> {
    /** Three or five are the useful sizes; nine is plenty for a laptop and keeps the port plan readable. */
    static final int NODES_MAX = 9;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @ParentCommand
    Main main;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "How many nodes (default 3).")
    int nodeCount;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".raftkv/dev",
            description = "Data directory, one subdirectory per node (default: .raftkv/dev in the current directory).")
    Path dataDirectory;

    @Option(names = "--storage", paramLabel = "rocksdb|memory", defaultValue = "rocksdb",
            description = "rocksdb (durable, the default) or memory.")
    String storage;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "8081",
            description = "The first node's HTTP port (default 8081).")
    int basePort;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CliContext context = main.context();
        List<DevNode> nodes = validatedPlan();
        refuseUsedPorts(nodes);
        DevProcesses processes = DevProcesses.start(nodes, storage, context);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            processes.stopAll();
            // Without this, a JVM ended by SIGINT/SIGTERM exits 130/143; a requested stop is a success.
            Runtime.getRuntime().halt(ExitCodes.OK);
        }, "raftkv-dev-shutdown"));
        if (!processes.awaitReady(READY_TIMEOUT)) {
            processes.stopAll();
            return ExitCodes.UNAVAILABLE;
        }
        printWelcome(nodes, processes, context.out());
        processes.superviseUntilAllExit();
        if (processes.stopping()) {
            // The shutdown hook stopped the nodes and is about to end the process with its own exit code.
            new CountDownLatch(1).await();
        }
        context.err().println("every node has exited; stopping");
        return ExitCodes.UNAVAILABLE;
    }

    private List<DevNode> validatedPlan() {
        if (nodeCount < 1 || nodeCount > NODES_MAX) {
            throw new IllegalArgumentException("--nodes must be 1 to " + NODES_MAX + ", was " + nodeCount);
        }
        int lastPort = basePort + DevNode.RAFT_PORT_OFFSET + nodeCount - 1;
        if (basePort < 1 || lastPort > HostPort.PORT_MAX) {
            throw new IllegalArgumentException("--base-port " + basePort + " leaves no room for " + nodeCount
                    + " HTTP and Raft ports below " + HostPort.PORT_MAX);
        }
        if (!storage.equals("rocksdb") && !storage.equals("memory")) {
            throw new IllegalArgumentException("--storage must be rocksdb or memory, was '" + storage + "'");
        }
        Path absolute = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException cannotCreate) {
            throw new SettingException("--data-dir: cannot create " + absolute + ": "
                    + SettingException.reason(cannotCreate), cannotCreate);
        }
        return DevNode.plan(nodeCount, basePort, absolute);
    }

    /** A node that cannot bind would die with a less obvious message; checking first names the port. */
    private static void refuseUsedPorts(List<DevNode> nodes) {
        for (DevNode node : nodes) {
            refuseUsedPort(node.httpPort(), "HTTP port of " + node.id());
            refuseUsedPort(node.raftPort(), "Raft port of " + node.id());
            refuseUsedPort(node.memcachedPort(), "memcached port of " + node.id());
        }
    }

    private static void refuseUsedPort(int port, String purpose) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(DevNode.HOST))) {
            probe.setReuseAddress(true);
        } catch (IOException inUse) {
            throw new SettingException("port " + port + " (" + purpose + ") is already in use; is a dev cluster "
                    + "already running? Stop it, or choose other ports with --base-port");
        }
    }

    private static void printWelcome(List<DevNode> nodes, DevProcesses processes, PrintStream out) {
        out.println();
        out.println("raftkv dev cluster is ready:");
        for (DevNode node : nodes) {
            out.println("  " + node.id() + "  pid " + processes.pid(node) + "  http " + node.endpoint() + "  memcached "
                    + node.memcachedAddress() + "  raft " + DevNode.HOST + ":" + node.raftPort() + "  log "
                    + node.logFile());
        }
        out.println("  leader: " + leader(nodes));
        out.println();
        out.println("Try:");
        String endpointsFlag = nodes.get(0).httpPort() == 8081 && nodes.size() == 3 ? ""
                : " --endpoints " + nodes.stream().map(DevNode::endpoint).collect(Collectors.joining(","));
        out.println("  ./raftkv put greeting hello --ttl 60s" + endpointsFlag);
        out.println("  ./raftkv get greeting" + endpointsFlag);
        out.println("  curl '" + nodes.get(0).endpoint() + "/v1/kv/greeting?meta=true'");
        out.println("  memcached clients: " + nodes.stream().map(DevNode::memcachedAddress)
                .collect(Collectors.joining(", ")) + " (any node; see docs/memcached.md)");
        out.println();
        out.println("Press Ctrl-C to stop the cluster.");
    }

    private static String leader(List<DevNode> nodes) {
        try (RaftKvClient client = RaftKvClient.builder()
                .endpoints(nodes.stream().map(DevNode::endpoint).toList())
                .operationTimeout(Duration.ofSeconds(5)).oneShot().build()) {
            ClusterView view = client.cluster();
            return view.leader().orElse("(none yet)") + ", term " + view.term();
        } catch (RaftKvUnavailableException unavailable) {
            // The welcome text is still useful without the leader; `raftkv status` can tell it later.
            return "(unknown: " + unavailable.getMessage() + ")";
        }
    }
}
