package io.raftkv.torture.fault;

import io.raftkv.core.Invariants;
import io.raftkv.testing.ClusterOptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extra environment of each node process, composed from the fault tools in use: the source-address shim (so the
 * node connects from its own address) and libfaketime (so its clock can be skewed). Both are preloaded libraries, so
 * {@code LD_PRELOAD} lists both, separated by a space. Meant for a cluster with
 * {@link ClusterOptions#withPerNodeAddresses()}: node {@code nK} connects from {@code 127.0.1.K}, where it listens.
 * Pass {@code environments::forNode} to {@link ClusterOptions#withNodeEnvironment}.
 */
public final class NodeEnvironments {
    public static final String PRELOAD_VARIABLE = "LD_PRELOAD";
    private static final String NODE_ID_PREFIX = "n";

    private final SourceAddressShim shim;
    private final ClockControl clock;

    /**
     * @param shim  makes each node connect from its own address; null when no partition or packet loss is injected
     * @param clock skews each node's clock; null when no clock fault is injected
     */
    public NodeEnvironments(SourceAddressShim shim, ClockControl clock) {
        this.shim = shim;
        this.clock = clock;
    }

    /** The environment of one node; empty when neither tool is in use. */
    public Map<String, String> forNode(String nodeId) {
        Map<String, String> environment = new HashMap<>();
        List<String> preloads = new ArrayList<>();
        if (shim != null) {
            addAll(environment, shim.environmentFor(perNodeHost(nodeId)));
            preloads.add(shim.preloadLibrary());
        }
        if (clock != null) {
            addAll(environment, clock.environmentFor(nodeId));
            preloads.add(clock.preloadLibrary());
        }
        if (!preloads.isEmpty()) {
            environment.put(PRELOAD_VARIABLE, String.join(" ", preloads));
        }
        return Map.copyOf(environment);
    }

    /** The per-node host of node {@code nK}, as {@link ClusterOptions#hostOf} gives it with per-node addresses. */
    static String perNodeHost(String nodeId) {
        Invariants.check(nodeId.matches(NODE_ID_PREFIX + "\\d+"), "node id must be n<number>, was '%s'", nodeId);
        return ClusterOptions.perNodeHost(Integer.parseInt(nodeId.substring(NODE_ID_PREFIX.length())));
    }

    /** Adds variables, except the preload list, which is composed at the end; no tool may override another's. */
    private static void addAll(Map<String, String> environment, Map<String, String> variables) {
        variables.forEach((name, value) -> {
            if (!name.equals(PRELOAD_VARIABLE)) {
                String previous = environment.put(name, value);
                Invariants.check(previous == null, "two fault tools set %s", name);
            }
        });
    }
}
