package io.raftkv.http;

import io.raftkv.core.Invariants;
import io.raftkv.core.Limits;

/**
 * Where the HTTP API listens and what it accepts.
 *
 * @param host           the address to bind, such as 127.0.0.1 or 0.0.0.0
 * @param port           the port; 0 picks a free one (for tests), see {@link HttpFrontEnd#boundAddress()}
 * @param limits         key, value and range limits, the same the node enforces
 * @param connectionsMax connections beyond this many are closed as soon as they are accepted
 */
public record HttpFrontEndConfig(String host, int port, Limits limits, int connectionsMax) {
    /** Enough for many clients with connection pools, few enough that file descriptors and memory stay bounded. */
    public static final int CONNECTIONS_MAX_DEFAULT = 10_000;
    private static final int PORT_MAX = 65_535;

    public HttpFrontEndConfig {
        Invariants.check(host != null && !host.isBlank(), "host must not be blank");
        Invariants.check(port >= 0 && port <= PORT_MAX, "port must be 0..%d, was %d", PORT_MAX, port);
        Invariants.check(limits != null, "limits must be given");
        Invariants.check(connectionsMax >= 1, "connectionsMax must be positive, was %d", connectionsMax);
    }

    /** HOST:PORT, for messages. */
    public String address() {
        return host + ":" + port;
    }
}
