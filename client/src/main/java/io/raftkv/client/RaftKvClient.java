package io.raftkv.client;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.AppendResult;
import io.raftkv.core.command.DeleteResult;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.query.GetResult;
import io.raftkv.core.query.QueryResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A blocking client for a raftkv cluster over its HTTP API. Thread-safe; one instance per application is enough.
 * Any node takes any request, so the client starts at a random endpoint and moves on when one fails. Retried writes
 * are applied at most once (see docs/http-api.md, "Retried writes").
 *
 * <pre>{@code
 * try (RaftKvClient client = RaftKvClient.builder().endpoints("http://127.0.0.1:8081,http://127.0.0.1:8082").build()) {
 *     client.put("greeting", "hello");
 *     Optional<String> greeting = client.get("greeting");
 * }
 * }</pre>
 */
public final class RaftKvClient implements AutoCloseable {
    private final FailoverTransport transport;
    private final AsyncRaftKvClient async;

    private RaftKvClient(FailoverTransport transport, AsyncRaftKvClient async) {
        this.transport = transport;
        this.async = async;
    }

    public static Builder builder() {
        return new Builder();
    }

    public PutResult put(Bytes key, Bytes value) {
        return await(async.put(key, value));
    }

    public PutResult put(Bytes key, Bytes value, PutOptions options) {
        return await(async.put(key, value, options));
    }

    /** Appends to an existing value; {@code ttlSeconds} 0 keeps the key's expiry. */
    public AppendResult append(Bytes key, Bytes suffix, long ttlSeconds) {
        return await(async.append(key, suffix, ttlSeconds));
    }

    /** Writes only if the key's modRevision is {@code expectedModRevision}; 0 means "only if absent". */
    public PutResult compareAndSwap(Bytes key, long expectedModRevision, Bytes value) {
        return await(async.compareAndSwap(key, expectedModRevision, value));
    }

    public DeleteResult delete(Bytes key) {
        return await(async.delete(key));
    }

    /** {@link QueryResult.Found} or {@link QueryResult.Missing}. */
    public GetResult get(Bytes key, ReadConsistency consistency) {
        return await(async.get(key, consistency));
    }

    public QueryResult.RangeResult list(ListOptions options) {
        return await(async.list(options));
    }

    public ClusterView cluster() {
        return await(async.cluster());
    }

    /** Moves leadership to the member {@code targetNodeId} and returns the new leader's id once it leads. */
    public String transferLeadership(String targetNodeId) {
        return await(async.transferLeadership(targetNodeId));
    }

    /** See {@link AsyncRaftKvClient#members()}. */
    public List<MemberInfo> members() {
        return await(async.members());
    }

    /** See {@link AsyncRaftKvClient#addMember(String, String, boolean)}. */
    public List<MemberInfo> addMember(String id, String raftAddress, boolean learner) {
        return await(async.addMember(id, raftAddress, learner));
    }

    /** See {@link AsyncRaftKvClient#promoteMember(String)}. */
    public List<MemberInfo> promoteMember(String id) {
        return await(async.promoteMember(id));
    }

    /** See {@link AsyncRaftKvClient#removeMember(String, boolean)}. */
    public List<MemberInfo> removeMember(String id, boolean force) {
        return await(async.removeMember(id, force));
    }

    public PutResult put(String key, String value) {
        return put(Bytes.utf8(key), Bytes.utf8(value));
    }

    /** A linearizable read of a text value. */
    public Optional<String> get(String key) {
        return switch (get(Bytes.utf8(key), ReadConsistency.LINEARIZABLE)) {
            case QueryResult.Found found ->
                    Optional.of(new String(found.keyValue().value().unsafeArray(), StandardCharsets.UTF_8));
            case QueryResult.Missing missing -> Optional.empty();
        };
    }

    public DeleteResult delete(String key) {
        return delete(Bytes.utf8(key));
    }

    /** The same operations, returning futures; shares this client's connections, endpoints and write sequence. */
    public AsyncRaftKvClient async() {
        return async;
    }

    /** The endpoints this client uses, normalized. */
    public List<String> endpoints() {
        return transport.endpoints();
    }

    @Override
    public void close() {
        transport.close();
    }

    /** Waits for the future and rethrows its failure as it was, not wrapped, so callers catch the real type. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    /** Settings for a {@link RaftKvClient}. Only the endpoints are required. */
    public static final class Builder {
        public static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(5);
        public static final Duration OPERATION_TIMEOUT_DEFAULT = Duration.ofSeconds(30);

        private List<String> endpoints = List.of();
        private Duration requestTimeout = REQUEST_TIMEOUT_DEFAULT;
        private Duration operationTimeout = OPERATION_TIMEOUT_DEFAULT;
        private Optional<Integer> firstEndpointForTests = Optional.empty();
        private boolean oneShot;

        private Builder() {
        }

        /** Base URLs such as {@code http://127.0.0.1:8081}; a bare {@code host:port} gets {@code http://}. */
        public Builder endpoints(List<String> newEndpoints) {
            this.endpoints = newEndpoints.stream().map(Builder::normalize).toList();
            return this;
        }

        /** Comma-separated base URLs, as in {@code RAFTKV_ENDPOINTS}. */
        public Builder endpoints(String commaSeparated) {
            return endpoints(Arrays.stream(commaSeparated.split(",")).map(String::strip)
                    .filter(endpoint -> !endpoint.isEmpty()).toList());
        }

        /** How long one HTTP attempt may take before the client tries the next endpoint. */
        public Builder requestTimeout(Duration newRequestTimeout) {
            this.requestTimeout = requirePositive(newRequestTimeout, "requestTimeout");
            return this;
        }

        /** How long all attempts of one operation may take together. */
        public Builder operationTimeout(Duration newOperationTimeout) {
            this.operationTimeout = requirePositive(newOperationTimeout, "operationTimeout");
            return this;
        }

        /**
         * For a process that sends a few requests and exits, such as the {@code raftkv} command: requests go over
         * {@link java.net.HttpURLConnection} on the calling thread, which starts about 90 ms sooner than the default
         * {@code java.net.http} client (no TLS set-up for http:// endpoints, no client threads). The futures of
         * {@link #async()} are then complete when returned, and the request timeout bounds the connect and each read
         * rather than the whole attempt. Failover, backoff and retried writes work as usual.
         */
        public Builder oneShot() {
            this.oneShot = true;
            return this;
        }

        /** Tests pin the first endpoint to make failover deterministic; production starts at a random one. */
        Builder firstEndpoint(int index) {
            this.firstEndpointForTests = Optional.of(index);
            return this;
        }

        public RaftKvClient build() {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("at least one endpoint is needed, such as http://127.0.0.1:8081");
            }
            WriteSequencer sequencer = new WriteSequencer();
            int firstEndpoint = firstEndpointForTests.orElseGet(
                    () -> ThreadLocalRandom.current().nextInt(endpoints.size()));
            HttpExchange exchange = oneShot ? new UrlConnectionExchange() : new JdkHttpExchange(requestTimeout);
            FailoverTransport transport = new FailoverTransport(endpoints, firstEndpoint, requestTimeout,
                    operationTimeout, sequencer, exchange);
            return new RaftKvClient(transport, new AsyncRaftKvClient(transport, sequencer));
        }

        private static String normalize(String endpoint) {
            String trimmed = endpoint.strip();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("an endpoint must not be empty");
            }
            String withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed;
            if (!withScheme.startsWith("http://") && !withScheme.startsWith("https://")) {
                throw new IllegalArgumentException("an endpoint must be an http:// or https:// URL, was " + endpoint);
            }
            try {
                java.net.URI.create(withScheme).toURL();
            } catch (IllegalArgumentException | java.net.MalformedURLException invalid) {
                throw new IllegalArgumentException("not a valid endpoint URL: " + endpoint, invalid);
            }
            return withScheme;
        }

        private static Duration requirePositive(Duration duration, String name) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
            return duration;
        }
    }
}
