package io.raftkv.memcached;

import io.raftkv.api.NodeStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The general statistics of {@code stats}: the standard lines memcached clients and tools read, this node's counters,
 * and raftkv's own lines (raftkv_*) with the node's Raft view.
 */
final class StatsReport {
    /** Java references are compressed or not, but clients read this as the platform word size. */
    private static final int POINTER_SIZE_BITS = 64;
    private static final long MILLIS_PER_SECOND = 1000;

    private final CommandContext context;
    private final int workerThreads;

    StatsReport(CommandContext context, int workerThreads) {
        this.context = context;
        this.workerThreads = workerThreads;
    }

    Reply general() {
        Map<String, String> stats = new LinkedHashMap<>();
        FrontEndStats counters = context.stats();
        long nowMillis = context.expiry().nowMillis();
        stats.put("pid", Long.toString(ProcessHandle.current().pid()));
        stats.put("uptime", Long.toString((nowMillis - counters.startedAtMillis()) / MILLIS_PER_SECOND));
        stats.put("time", Long.toString(nowMillis / MILLIS_PER_SECOND));
        stats.put("version", context.version());
        stats.put("pointer_size", Integer.toString(POINTER_SIZE_BITS));
        stats.put("max_connections", Integer.toString(context.config().connectionsMax()));
        stats.put("curr_connections", Integer.toString(counters.openConnections().get()));
        for (Counter counter : Counter.values()) {
            stats.put(counter.statName(), Long.toString(counters.get(counter)));
        }
        stats.put("threads", Integer.toString(workerThreads));
        stats.put("evictions", "0");
        stats.put("accepting_conns", "1");
        raftLines(stats, context.service().status());
        return lines(stats);
    }

    /**
     * {@code stats settings}: the settings clients read, such as the largest item; eviction is off because the store
     * is durable and never evicts.
     */
    Reply settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("maxconns", Integer.toString(context.config().connectionsMax()));
        settings.put("item_size_max", Integer.toString(context.valueBytesMax()));
        settings.put("num_threads", Integer.toString(workerThreads));
        settings.put("evictions", "off");
        settings.put("cas_enabled", "yes");
        settings.put("flush_enabled", "yes");
        return lines(settings);
    }

    private static Reply lines(Map<String, String> stats) {
        Reply.Builder reply = new Reply.Builder();
        stats.forEach((name, value) -> reply.line("STAT " + name + " " + value));
        return reply.line(ValueLines.END).build();
    }

    private static void raftLines(Map<String, String> stats, NodeStatus status) {
        stats.put("raftkv_node_id", token(status.nodeId()));
        stats.put("raftkv_role", token(status.role()));
        stats.put("raftkv_leader", status.leaderId().map(StatsReport::token).orElse("none"));
        stats.put("raftkv_term", Long.toString(status.term()));
        stats.put("raftkv_commit_index", Long.toString(status.commitIndex()));
        stats.put("raftkv_applied_index", Long.toString(status.appliedIndex()));
        stats.put("raftkv_revision", Long.toString(status.revision()));
    }

    /** A STAT value is one token: spaces or control characters in a name would split the line. */
    private static String token(String text) {
        return ServiceFailures.oneLine(text).replace(' ', '_');
    }
}
