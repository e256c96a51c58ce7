package io.raftkv.testing;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Invariants;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real cluster on loopback: every node is a {@code raftkv server} process of its own, started from the classpath
 * of the current JVM, so it can be killed with SIGKILL, stopped with SIGTERM, restarted and wiped like a real
 * deployment. Nodes are {@code n1..nN}; ports are picked free at start and kept across restarts.
 *
 * <p>{@link #close()} kills every process this cluster started, by its handle, and nothing else. A shutdown hook does
 * the same if the JVM exits first, so an aborted test run leaves no orphan nodes behind.
 */
public final class LocalCluster implements AutoCloseable {
    /**
     * Several node JVMs share two cores with the build: a small heap and the serial collector keep each light, and
     * stopping at the C1 compiler saves the CPU that C2 would spend optimizing code a short test never reuses.
     */
    public static final List<String> NODE_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    public static final String MAIN_CLASS = "io.raftkv.cli.Main";
    /** One HTTP attempt of a harness client; short, so a dead node costs little before the next is tried. */
    public static final long CLIENT_REQUEST_TIMEOUT_MILLIS = 2_000;
    /** All attempts of one operation: long enough to ride out a leader election with room to spare. */
    public static final long CLIENT_OPERATION_TIMEOUT_MILLIS = 20_000;
    public static final int CRASH_LOG_LINES = 40;

    private final ClusterOptions options;
    private final Map<String, LocalNode> nodesById;
    /** The nodes started with {@code --join}, and the endpoint each joined through; restarts pass it again. */
    private final Map<String, Joined> joinedById = new ConcurrentHashMap<>();
    /** The bootstrap members, fixed at start: joined nodes never enter it, so restarts keep the cluster's id. */
    private String bootstrapPeers = "";
    /** The highest {@code nN} ever used, forgotten nodes included. */
    private int highestNodeNumber;
    private final NodeHttp http = new NodeHttp();
    private final Map<String, RaftKvClient> clientsByNode = new ConcurrentHashMap<>();
    private final List<RaftKvClient> clients = new CopyOnWriteArrayList<>();
    private final Thread killOnJvmExit;

    private LocalCluster(ClusterOptions options, Map<String, LocalNode> nodesById) {
        this.options = options;
        this.nodesById = nodesById;
        this.killOnJvmExit = new Thread(() -> nodesById.values().forEach(LocalNode::kill), "raftkv-cluster-reaper");
    }

    /** Starts every node; call {@link #awaitReady(Duration)} before sending requests. */
    public static LocalCluster start(ClusterOptions options) {
        LocalCluster cluster = prepare(options);
        cluster.startAll();
        return cluster;
    }

    /**
     * Picks every node's ports and directory without starting any, so that a test can fill the data directories
     * first (a snapshot restore, with {@link #bootstrapPeers()}); then {@link #startAll()}.
     */
    public static LocalCluster prepare(ClusterOptions options) {
        Map<String, Iterator<Integer>> portsByHost = freePortsByHost(options);
        Map<String, LocalNode> nodesById = new LinkedHashMap<>();
        for (int number = 1; number <= options.nodeCount(); number++) {
            String id = "n" + number;
            String host = options.hostOf(number);
            Iterator<Integer> ports = portsByHost.get(host);
            nodesById.put(id, new LocalNode(id, host, ports.next(), ports.next(), ports.next(),
                    options.baseDirectory().resolve(id)));
        }
        LocalCluster cluster = new LocalCluster(options, nodesById);
        cluster.bootstrapPeers = cluster.peers();
        cluster.highestNodeNumber = options.nodeCount();
        Runtime.getRuntime().addShutdownHook(cluster.killOnJvmExit);
        return cluster;
    }

    /** Starts every node of a {@link #prepare prepared} cluster. */
    public void startAll() {
        nodesById.keySet().forEach(this::startNode);
    }

    /** The {@code --peers} every bootstrap member is started with: {@code n1=HOST:PORT,...}. */
    public String bootstrapPeers() {
        return bootstrapPeers;
    }

    public ClusterOptions options() {
        return options;
    }

    public List<String> nodeIds() {
        return List.copyOf(nodesById.keySet());
    }

    public LocalNode node(String id) {
        LocalNode node = nodesById.get(id);
        Invariants.check(node != null, "no node %s in %s", id, nodesById.keySet());
        return node;
    }

    /** The ids of every node but the given one, in id order. */
    public List<String> otherThan(String id) {
        return nodesById.keySet().stream().filter(other -> !other.equals(id)).toList();
    }

    public String httpEndpoint(String id) {
        return node(id).httpEndpoint();
    }

    public List<String> endpoints() {
        return nodesById.values().stream().map(LocalNode::httpEndpoint).toList();
    }

    /** Plain HTTP to single nodes, for probes and per-replica reads. */
    /** HOST:PORT of a node's memcached port (every node of a local cluster serves one). */
    public String memcachedAddress(String id) {
        return node(id).memcachedAddress();
    }

    public NodeHttp http() {
        return http;
    }

    /**
     * Waits until every node the harness has started (and not killed or stopped since) answers {@code /ready} with
     * 200. Fails at once, with the node's log tail, if one of them crashes meanwhile.
     */
    public void awaitReady(Duration timeout) {
        Poll.until("every running node to be ready", timeout, () -> {
            failOnCrash();
            return nodesById.values().stream().filter(node -> node.isRunning() && !node.isPaused())
                    .allMatch(http::ready);
        }, this::describeViews);
    }

    /**
     * The leader, as the node that says it leads with the highest term; empty while no reachable node leads. Paused
     * nodes are not asked (they could not answer), so a paused leader is not found.
     */
    public Optional<String> leaderId() {
        return nodesById.values().stream()
                .flatMap(node -> http.self(node).stream())
                .filter(NodeView::isLeader)
                .max(Comparator.comparingLong(NodeView::term))
                .map(NodeView::nodeId);
    }

    public String awaitLeader(Duration timeout) {
        Poll.until("a leader", timeout, () -> {
            failOnCrash();
            return leaderId().isPresent();
        }, this::describeViews);
        return leaderId().orElseThrow(() -> new IllegalStateException("the leader vanished: " + describeViews()));
    }

    /** The node's own status, empty when it is down or unreachable. */
    public Optional<NodeView> view(String id) {
        return http.self(node(id));
    }

    /** Waits until the node has applied at least {@code index}. */
    public void awaitAppliedIndex(String id, long index, Duration timeout) {
        Poll.until("node " + id + " to apply index " + index, timeout, () -> {
            failOnCrash();
            return view(id).map(view -> view.appliedIndex() >= index).orElse(false);
        }, this::describeViews);
    }

    /** SIGKILL; works on a paused node too. */
    public void kill(String id) {
        node(id).kill();
    }

    /** SIGSTOP: the node freezes with its sockets open, as a stalled VM or a long GC pause would. */
    public void pause(String id) {
        node(id).pause();
    }

    /** SIGCONT of a paused node. */
    public void resume(String id) {
        node(id).resume();
    }

    public boolean isPaused(String id) {
        return node(id).isPaused();
    }

    /** SIGTERM and wait; returns the exit code. */
    public int stop(String id) {
        return node(id).stop();
    }

    /**
     * Adds a node that joins the running cluster through {@code throughId}'s HTTP endpoint ({@code raftkv server
     * --join}): a new id {@code nN}, free ports and a directory of its own. Returns its id at once; it becomes ready
     * once the cluster has added it and it has caught up.
     *
     * @param learner pass {@code --learner}: it stays a non-voting learner
     */
    public synchronized String join(String throughId, boolean learner) {
        // Ids are never reused: Ratis servers remember a member's address by its id until they restart.
        int number = ++highestNodeNumber;
        String id = "n" + number;
        String host = options.hostOf(number);
        Iterator<Integer> ports = FreePorts.pick(host, LocalNode.PORTS_PER_NODE).iterator();
        nodesById.put(id, new LocalNode(id, host, ports.next(), ports.next(), ports.next(),
                options.baseDirectory().resolve(id)));
        joinedById.put(id, new Joined(httpEndpoint(throughId), learner));
        startNode(id);
        return id;
    }

    /**
     * Kills the node if it still runs and forgets it: no longer waited on, probed or given to clients. For a node
     * removed from the cluster, which stops by itself (exit 0) once it learns it, so the harness must not count that
     * as a crash.
     */
    public synchronized void forget(String id) {
        node(id).kill();
        nodesById.remove(id);
        joinedById.remove(id);
        RaftKvClient client = clientsByNode.remove(id);
        if (client != null) {
            client.close();
        }
    }

    /** Starts a killed or stopped node again with the same id, ports and data directory. */
    public void restart(String id) {
        startNode(id);
    }

    public void wipe(String id) {
        node(id).wipe();
    }

    /** A new client over every node, with a client id of its own; closed with the cluster. */
    public RaftKvClient client() {
        RaftKvClient client = newClient(endpoints());
        clients.add(client);
        return client;
    }

    /**
     * A client bound to one node only, for reading that replica; the same instance on every call, since tests ask
     * for it inside polling loops. Closed with the cluster.
     */
    public RaftKvClient client(String id) {
        return clientsByNode.computeIfAbsent(node(id).id(), nodeId -> newClient(List.of(httpEndpoint(nodeId))));
    }

    public List<String> logTail(String id, int lineCount) {
        return node(id).logTail(lineCount);
    }

    /** Every node's state and log tail, for a failure report. */
    public String describe(int lineCount) {
        StringBuilder report = new StringBuilder();
        for (LocalNode node : nodesById.values()) {
            report.append("==== ").append(node).append(state(node)).append(", pid ")
                    .append(node.pid().isPresent() ? node.pid().getAsLong() : "-")
                    .append(", log ").append(node.logFile()).append(", last ").append(lineCount).append(" lines:\n");
            node.logTail(lineCount).forEach(line -> report.append("    ").append(line).append('\n'));
        }
        return report.toString();
    }

    /** Kills every node this cluster started, closes the clients it made. The data and logs stay on disk. */
    @Override
    public void close() {
        clients.forEach(RaftKvClient::close);
        clientsByNode.values().forEach(RaftKvClient::close);
        nodesById.values().forEach(LocalNode::kill);
        http.close();
        Runtime.getRuntime().removeShutdownHook(killOnJvmExit);
    }

    private static RaftKvClient newClient(List<String> endpoints) {
        return RaftKvClient.builder()
                .endpoints(endpoints)
                .requestTimeout(Duration.ofMillis(CLIENT_REQUEST_TIMEOUT_MILLIS))
                .operationTimeout(Duration.ofMillis(CLIENT_OPERATION_TIMEOUT_MILLIS))
                .build();
    }

    /** Two ports (Raft, HTTP) per node, each host's picked in one go so that no port is handed out twice. */
    private static Map<String, Iterator<Integer>> freePortsByHost(ClusterOptions options) {
        Map<String, Long> nodeCountByHost = IntStream.rangeClosed(1, options.nodeCount()).mapToObj(options::hostOf)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<String, Iterator<Integer>> portsByHost = new HashMap<>();
        nodeCountByHost.forEach((host, nodeCount) ->
                portsByHost.put(host, FreePorts.pick(host, (int) (LocalNode.PORTS_PER_NODE * nodeCount)).iterator()));
        return portsByHost;
    }

    private void startNode(String id) {
        List<String> command = serverCommand(node(id));
        node(id).start(command, String.join(" ", command.subList(command.indexOf(MAIN_CLASS), command.size())),
                options.environmentByNodeId().apply(id));
    }

    private List<String> serverCommand(LocalNode node) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java binary runs this JVM")));
        command.addAll(NODE_JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS, "server",
                "--id", node.id(),
                "--data-dir", node.dataDirectory().toString(),
                "--http", node.httpAddress(),
                "--memcached", node.memcachedAddress(),
                "--storage", options.storage().name().toLowerCase(Locale.ROOT),
                "--snapshot-every", Long.toString(options.snapshotEveryEntries()),
                "--value-bytes-max", Integer.toString(options.valueBytesMax())));
        command.addAll(membershipArguments(node));
        options.electionTimeoutMillis()
                .ifPresent(millis -> command.addAll(List.of("--election-timeout", millis + "ms")));
        return command;
    }

    /** {@code --peers} for a bootstrap member; {@code --join URL --raft HOST:PORT [--learner]} for a joined one. */
    private List<String> membershipArguments(LocalNode node) {
        Joined joined = joinedById.get(node.id());
        if (joined == null) {
            return List.of("--peers", bootstrapPeers);
        }
        List<String> arguments = new ArrayList<>(List.of("--join", joined.endpoint(), "--raft", node.raftAddress()));
        if (joined.learner()) {
            arguments.add("--learner");
        }
        return arguments;
    }

    /** How a node joined: the endpoint it joined through, and whether it stays a learner. */
    private record Joined(String endpoint, boolean learner) {
    }

    private String peers() {
        return nodesById.values().stream().map(node -> node.id() + "=" + node.raftAddress())
                .collect(Collectors.joining(","));
    }

    private void failOnCrash() {
        for (LocalNode node : nodesById.values()) {
            if (node.crashed()) {
                throw new IllegalStateException("node " + node.id() + " exited on its own with code "
                        + node.exitCode().orElse(-1) + "; last log lines:\n"
                        + String.join("\n", node.logTail(CRASH_LOG_LINES)));
            }
        }
    }

    private static String state(LocalNode node) {
        if (node.isPaused()) {
            return " paused";
        }
        return node.isRunning() ? " running" : " not running";
    }

    private String describeViews() {
        return nodesById.values().stream().map(node -> node.id() + "=" + http.describe(node))
                .collect(Collectors.joining(", "));
    }
}
