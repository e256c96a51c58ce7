package io.raftkv.cli;

import io.raftkv.client.RaftKvClient;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Map;

/** How client commands reach the cluster. Shared by every client command as a picocli mixin. */
final class ClientOptions {
    /** The three nodes `raftkv dev` starts by default. */
    static final String ENDPOINTS_DEFAULT = "http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083";
    static final String ENDPOINTS_VARIABLE = "RAFTKV_ENDPOINTS";
    /** One HTTP attempt gets at most this long before the client tries the next node. */
    static final Duration REQUEST_TIMEOUT_MAX = Duration.ofSeconds(5);

    @Option(names = "--endpoints", paramLabel = "URLS",
            description = "Comma-separated node URLs (default: $RAFTKV_ENDPOINTS, else " + ENDPOINTS_DEFAULT + ").")
    String endpoints;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Give up after this long without an answer from any node (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    String resolveEndpoints(Map<String, String> environment) {
        if (endpoints != null) {
            return endpoints;
        }
        String fromEnvironment = environment.get(ENDPOINTS_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? ENDPOINTS_DEFAULT : fromEnvironment;
    }

    /**
     * A client for a command that sends a few requests and exits: requests go out on this thread over a plain
     * connection, which starts about 90 ms sooner than the pooled client (see docs/performance.md).
     */
    RaftKvClient connect(CliContext context) {
        return builder(context).oneShot().build();
    }

    /** A client for many requests from many threads, as bench sends them: pooled connections, real futures. */
    RaftKvClient connectPooled(CliContext context) {
        return builder(context).build();
    }

    private RaftKvClient.Builder builder(CliContext context) {
        if (timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
        Duration requestTimeout = timeout.compareTo(REQUEST_TIMEOUT_MAX) < 0 ? timeout : REQUEST_TIMEOUT_MAX;
        return RaftKvClient.builder()
                .endpoints(resolveEndpoints(context.environment()))
                .requestTimeout(requestTimeout)
                .operationTimeout(timeout);
    }
}
