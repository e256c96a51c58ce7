package io.raftkv.cli;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * raftkv's HTTP API through plain sockets, as wrk drives it: worker {@code i} keeps one HTTP/1.1 connection to
 * node {@code i % nodes.size()}. The Java client library costs about 2 ms of CPU more per request on the machine the
 * servers share, which measured the client more than the store; this target costs about what the etcd target's
 * blocking gRPC stubs cost. Its writes carry no retry session (no {@code X-Raftkv-Client-Id}), like etcd's puts.
 *
 * @param readTimeout how long a worker waits for a response before it counts a failure and reconnects
 */
record LeanHttpBenchTarget(List<HostPort> nodes, Duration connectTimeout, Duration readTimeout)
        implements BenchTarget {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    LeanHttpBenchTarget {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("--endpoints needs at least one URL");
        }
    }

    /** Parses {@code --endpoints}' comma-separated {@code http://HOST:PORT} URLs. */
    static LeanHttpBenchTarget parse(String endpoints, Duration readTimeout) {
        List<HostPort> nodes = new ArrayList<>();
        for (String endpoint : endpoints.split(",", -1)) {
            nodes.add(nodeOf(endpoint.strip()));
        }
        return new LeanHttpBenchTarget(nodes, CONNECT_TIMEOUT, readTimeout);
    }

    private static HostPort nodeOf(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException malformed) {
            throw new SettingException("--endpoints: '" + endpoint + "' is not a URL: " + malformed.getMessage());
        }
        String path = uri.getRawPath();
        boolean plainNode = "http".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0
                && (path == null || path.isEmpty() || path.equals("/")) && uri.getRawQuery() == null;
        if (!plainNode) {
            throw new SettingException("--endpoints: bench speaks plain HTTP to http://HOST:PORT, was '" + endpoint
                    + "'");
        }
        return new HostPort(uri.getHost(), uri.getPort());
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String describe() {
        return "http " + nodes.stream().map(node -> "http://" + node.address()).collect(Collectors.joining(","));
    }

    @Override
    public BenchConnection open(int workerIndex) {
        HostPort node = nodes.get(workerIndex % nodes.size());
        try {
            return LeanHttpBenchConnection.open(node, connectTimeout, readTimeout);
        } catch (IOException unreachable) {
            throw new BenchAbortedException("cannot connect to raftkv at " + node.address() + ": "
                    + unreachable.getMessage(), ExitCodes.UNAVAILABLE, unreachable);
        }
    }

    /** Nothing shared to close: each connection belongs to its worker, which closes it. */
    @Override
    public void close() {
    }
}
