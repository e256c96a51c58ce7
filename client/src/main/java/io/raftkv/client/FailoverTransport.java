package io.raftkv.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a call to one endpoint after another until one answers with something other than "unavailable", or the
 * operation timeout runs out. Writes are safe to resend because every attempt carries the same sequence number.
 */
final class FailoverTransport implements AutoCloseable {
    /**
     * At most this many operations in flight per client. A caller beyond it blocks until a slot frees (up to the
     * operation timeout, then {@link RaftKvUnavailableException}): back-pressure instead of an unbounded queue.
     */
    static final int REQUESTS_IN_FLIGHT_MAX = 1024;
    /**
     * Waits between attempts double from the first to the last. After a leader crash the nodes answer 503 until a new
     * leader is ready, well under a second; a long wait then only delays the first write the cluster could take, while
     * a 503 from a live node costs it next to nothing.
     */
    static final long BACKOFF_INITIAL_MILLIS = 10;
    static final long BACKOFF_MAX_MILLIS = 100;
    /** Doubling stops here, long before the shift could overflow. */
    private static final int BACKOFF_DOUBLINGS_MAX = 10;

    static final String CLIENT_ID_HEADER = "X-Raftkv-Client-Id";
    static final String SEQUENCE_HEADER = "X-Raftkv-Sequence";
    static final String COMPLETED_BELOW_HEADER = "X-Raftkv-Completed-Below";

    private final List<String> endpoints;
    private final Duration requestTimeout;
    private final Duration operationTimeout;
    private final HttpExchange exchange;
    private final WriteSequencer sequencer;
    private final Semaphore requestSlots = new Semaphore(REQUESTS_IN_FLIGHT_MAX);
    /** The endpoint to try first; it moves on when an endpoint fails, so later operations skip a dead node. */
    private final AtomicInteger preferredEndpoint;

    /**
     * @param firstEndpoint the index of the endpoint to try first; random in production, so that many clients spread
     *                      over the nodes, fixed in tests
     * @param exchange      carries each attempt; this transport closes it
     */
    FailoverTransport(List<String> endpoints, int firstEndpoint, Duration requestTimeout, Duration operationTimeout,
                      WriteSequencer sequencer, HttpExchange exchange) {
        this.endpoints = List.copyOf(endpoints);
        this.requestTimeout = requestTimeout;
        this.operationTimeout = operationTimeout;
        this.sequencer = sequencer;
        this.preferredEndpoint = new AtomicInteger(firstEndpoint);
        this.exchange = exchange;
    }

    List<String> endpoints() {
        return endpoints;
    }

    /**
     * Completes with the first answer that is not retryable (any status but 503 and 504), or exceptionally with
     * {@link RaftKvUnavailableException} once the operation timeout has passed.
     */
    CompletableFuture<HttpAnswer> send(HttpCall call) {
        acquireSlot();
        Operation operation = new Operation(call, System.nanoTime() + operationTimeout.toNanos());
        attempt(operation);
        return operation.outcome.whenComplete((response, error) -> requestSlots.release());
    }

    private void acquireSlot() {
        try {
            if (!requestSlots.tryAcquire(operationTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RaftKvUnavailableException(
                        REQUESTS_IN_FLIGHT_MAX + " requests already in flight for "
                                + operationTimeout.toMillis() + " ms",
                        List.of(), null);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new RaftKvUnavailableException("interrupted while waiting for a request slot", List.of(),
                    interrupted);
        }
    }

    private void attempt(Operation operation) {
        long remainingNanos = operation.deadlineNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            operation.giveUp(operationTimeout);
            return;
        }
        int endpointIndex = preferredEndpoint.get();
        String endpoint = endpoints.get(Math.floorMod(endpointIndex, endpoints.size()));
        Duration attemptTimeout = Duration.ofNanos(operation.call.patient() ? remainingNanos
                : Math.min(requestTimeout.toNanos(), remainingNanos));
        operation.endpointsTried.add(endpoint);
        HttpCall call = operation.call;
        exchange.send(URI.create(endpoint + call.pathAndQuery()), call.method(), call.body(), headers(call),
                attemptTimeout).whenComplete((response, error) -> {
            if (error == null && !isRetryable(response.statusCode())) {
                operation.outcome.complete(response);
                return;
            }
            Throwable cause = unwrap(error);
            if (cause != null && !(cause instanceof IOException)) {
                operation.outcome.completeExceptionally(cause);
                return;
            }
            operation.lastError = cause != null
                    ? endpoint + ": " + describe(cause)
                    : endpoint + ": HTTP " + response.statusCode() + " " + bodyText(response);
            operation.lastCause = cause;
            preferredEndpoint.compareAndSet(endpointIndex, endpointIndex + 1);
            retryAfterBackoff(operation);
        });
    }

    private void retryAfterBackoff(Operation operation) {
        long delayMillis = BACKOFF_INITIAL_MILLIS << Math.min(operation.attempts, BACKOFF_DOUBLINGS_MAX);
        operation.attempts++;
        long boundedDelayMillis = Math.min(delayMillis, BACKOFF_MAX_MILLIS);
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(operation.deadlineNanos - System.nanoTime());
        if (boundedDelayMillis >= remainingMillis) {
            operation.giveUp(operationTimeout);
            return;
        }
        CompletableFuture.delayedExecutor(boundedDelayMillis, TimeUnit.MILLISECONDS).execute(() -> attempt(operation));
    }

    private Map<String, String> headers(HttpCall call) {
        Map<String, String> headers = new LinkedHashMap<>();
        call.sequence().ifPresent(sequence -> {
            headers.put(CLIENT_ID_HEADER, sequencer.clientId());
            headers.put(SEQUENCE_HEADER, Long.toString(sequence));
            headers.put(COMPLETED_BELOW_HEADER, Long.toString(sequencer.completedBelow()));
        });
        return headers;
    }

    /** 503: no leader or quorum, nothing applied. 504: no answer in time; a resend with the same sequence is safe. */
    private static boolean isRetryable(int status) {
        return status == 503 || status == 504;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + " " + cause.getMessage();
    }

    private static String bodyText(HttpAnswer response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() {
        exchange.close();
    }

    /** The state of one operation across its attempts. Attempts run one after another, never concurrently. */
    private static final class Operation {
        final HttpCall call;
        final long deadlineNanos;
        final CompletableFuture<HttpAnswer> outcome = new CompletableFuture<>();
        final Set<String> endpointsTried = new LinkedHashSet<>();
        int attempts;
        String lastError = "none";
        Throwable lastCause;

        Operation(HttpCall call, long deadlineNanos) {
            this.call = call;
            this.deadlineNanos = deadlineNanos;
        }

        void giveUp(Duration operationTimeout) {
            outcome.completeExceptionally(new RaftKvUnavailableException(
                    "no node answered " + call.method() + " " + call.pathAndQuery() + " within "
                            + operationTimeout.toMillis() + " ms",
                    new ArrayList<>(endpointsTried), lastError, lastCause));
        }
    }
}
