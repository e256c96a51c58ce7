package io.raftkv.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run one raftkv node: its Raft server, its HTTP API and, if asked, its memcached port. Stops cleanly on SIGTERM or Ctrl-C.",
                "Each setting may also come from its environment variable; a flag wins over the variable."})
final class ServerCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--id", paramLabel = "ID", description = "This node's id, one of the peers (RAFTKV_ID).")
    String id;

    @Option(names = "--peers", paramLabel = "ID=HOST:PORT,...|@FILE",
            description = "Every member and its Raft address, this node included; @FILE reads one per line, "
                    + "# comments allowed (RAFTKV_PEERS).")
    String peers;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the Raft log, snapshots and data live; created if missing (RAFTKV_DATA_DIR).")
    String dataDirectory;

    @Option(names = "--http", paramLabel = "HOST:PORT", description = "Where the HTTP API listens (RAFTKV_HTTP).")
    String http;

    @Option(names = "--storage", paramLabel = "rocksdb|memory",
            description = "rocksdb (durable, the default) or memory (RAFTKV_STORAGE).")
    String storage;

    @Option(names = "--value-bytes-max", paramLabel = "N",
            description = "The largest value in bytes, default 1048576 (RAFTKV_VALUE_BYTES_MAX).")
    String valueBytesMax;

    @Option(names = "--snapshot-every", paramLabel = "N",
            description = "Snapshot and truncate the Raft log every N applied entries (default 100000).")
    String snapshotEvery;

    @Option(names = "--election-timeout", paramLabel = "DURATION",
            description = "The shortest randomized election timeout; the longest is twice it (default 300ms).")
    String electionTimeout;

    @Option(names = "--memcached", paramLabel = "HOST:PORT",
            description = "Also serve the memcached text protocol here; off unless given (RAFTKV_MEMCACHED).")
    String memcached;

    @Option(names = "--join", paramLabel = "URL",
            description = "Join a running cluster through the HTTP endpoint of any member, e.g. http://10.0.0.1:8081: "
                    + "added as a learner, promoted to voter once caught up (RAFTKV_JOIN). Instead of --peers.")
    String join;

    @Option(names = "--learner",
            description = "With --join: stay a non-voting learner instead of being promoted once caught up.")
    boolean learner;

    @Option(names = "--raft", paramLabel = "HOST:PORT",
            description = "Where this node's Raft server listens; needed with --join, taken from --peers otherwise "
                    + "(RAFTKV_RAFT).")
    String raft;

    @Option(names = "--disk-reserve", paramLabel = "BYTES",
            description = "Refuse writes while the data directory's file system has less free space than this, "
                    + "e.g. 256MiB (the default) or 0 for off (RAFTKV_DISK_RESERVE).")
    String diskReserve;

    @Option(names = "--cluster-id", paramLabel = "UUID",
            description = "The cluster this node must belong to, as 'raftkv status' shows it; by default derived "
                    + "from --peers. Needed to restart a node of a cluster whose membership changed since it was "
                    + "created (RAFTKV_CLUSTER_ID).")
    String clusterId;

    @Override
    public Integer call() throws Exception {
        // Shaded gRPC in Ratis logs through java.util.logging; route it to SLF4J so one config governs all logs. Only
        // a node needs this: it costs a client command 25-60 ms of start-up.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        ServerFlags flags = new ServerFlags(id, peers, dataDirectory, http, storage, valueBytesMax, snapshotEvery,
                electionTimeout, memcached, join, learner, raft, diskReserve, clusterId);
        ServerSettings settings = ServerSettings.resolve(flags, main.context().environment());
        return NodeRunner.run(settings, main.context());
    }
}
