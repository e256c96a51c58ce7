package io.raftkv.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One node of the local dev cluster: its id, ports and directory. Node i (from 1) listens for HTTP on base + i - 1,
 * for Raft on base + 1000 + i - 1 and for memcached clients on base + 3000 + i - 1, all on the loopback address.
 */
record DevNode(String id, int httpPort, int raftPort, int memcachedPort, Path directory) {
    static final String HOST = "127.0.0.1";
    /** Raft ports sit this far above HTTP ports, so 8081 pairs with 9081: easy to read in logs. */
    static final int RAFT_PORT_OFFSET = 1000;
    /**
     * memcached ports sit this far above HTTP ports (8081 pairs with 11081), next to but not on memcached's own 11211,
     * so a real memcached on the same machine does not stop the dev cluster.
     */
    static final int MEMCACHED_PORT_OFFSET = 3000;

    static List<DevNode> plan(int nodeCount, int basePort, Path dataDirectory) {
        List<DevNode> nodes = new ArrayList<>();
        for (int index = 0; index < nodeCount; index++) {
            String id = "n" + (index + 1);
            nodes.add(new DevNode(id, basePort + index, basePort + RAFT_PORT_OFFSET + index,
                    basePort + MEMCACHED_PORT_OFFSET + index, dataDirectory.resolve(id)));
        }
        return List.copyOf(nodes);
    }

    static String peers(List<DevNode> nodes) {
        return nodes.stream().map(node -> node.id() + "=" + HOST + ":" + node.raftPort())
                .collect(Collectors.joining(","));
    }

    String endpoint() {
        return "http://" + HOST + ":" + httpPort;
    }

    String memcachedAddress() {
        return HOST + ":" + memcachedPort;
    }

    Path logFile() {
        return directory.resolve("server.log");
    }
}
