package io.raftkv.torture.workload;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Invariants;
import io.raftkv.torture.history.HistoryRecorder;
import io.raftkv.torture.history.Outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The concurrent clients of a run: one thread each, one operation at a time, until {@link #stopAndJoin()}. Like a
 * Jepsen client, each process talks to one node picked at random; after an operation with an unknown outcome the
 * thread continues as a new process on a new random node.
 */
public final class ClientWorkers {
    /** One HTTP attempt; a dead or cut-off node costs this much before the client tries again. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** All attempts of one operation: past this its outcome is unknown. Longer than an election. */
    public static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(5);
    public static final int WORKERS_MAX = 64;
    /** Waits for the last operations: each ends within the operation timeout, plus the client's last attempt. */
    private static final Duration JOIN_TIMEOUT = OPERATION_TIMEOUT.plus(REQUEST_TIMEOUT).plusSeconds(5);

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private ClientWorkers() {
    }

    /**
     * Starts {@code workerCount} threads over the given nodes and workloads.
     *
     * @param endpointByNode every node's HTTP endpoint, by node id
     */
    public static ClientWorkers start(int workerCount, Map<String, String> endpointByNode, List<Workload> workloads,
                                      HistoryRecorder recorder, long seed) {
        Invariants.check(workerCount >= 1 && workerCount <= WORKERS_MAX, "workers must be 1..%d, was %d",
                WORKERS_MAX, workerCount);
        Invariants.check(!workloads.isEmpty(), "a run needs a workload");
        ClientWorkers workers = new ClientWorkers();
        List<String> nodes = List.copyOf(endpointByNode.keySet());
        for (int worker = 0; worker < workerCount; worker++) {
            Random random = new Random(seed * 1_000_003L + worker);
            int firstProcess = worker;
            Thread thread = Thread.ofPlatform().name("torture-client-" + worker).unstarted(
                    () -> workers.loop(firstProcess, workerCount, nodes, endpointByNode, workloads, recorder,
                            random));
            workers.threads.add(thread);
        }
        workers.threads.forEach(Thread::start);
        return workers;
    }

    /** Asks every worker to stop after its current operation and waits; rethrows the first worker failure. */
    public void stopAndJoin() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(JOIN_TIMEOUT.toMillis());
            Invariants.check(!thread.isAlive(), "%s did not finish its operation within %s", thread.getName(),
                    JOIN_TIMEOUT);
        }
        Throwable first = failure.get();
        if (first != null) {
            throw new IllegalStateException("a client worker failed: " + first, first);
        }
    }

    private void loop(int firstProcess, int workerCount, List<String> nodes, Map<String, String> endpointByNode,
                      List<Workload> workloads, HistoryRecorder recorder, Random random) {
        int process = firstProcess;
        try {
            while (running) {
                String node = nodes.get(random.nextInt(nodes.size()));
                try (RaftKvClient client = newClient(endpointByNode.get(node))) {
                    ClientProcess context = new ClientProcess(process, client, random, node, recorder);
                    runUntilUnknown(context, workloads);
                }
                process += workerCount;
            }
        } catch (RuntimeException | Error unexpected) {
            failure.compareAndSet(null, unexpected);
        }
    }

    private void runUntilUnknown(ClientProcess context, List<Workload> workloads) {
        while (running) {
            Workload workload = workloads.get(context.random().nextInt(workloads.size()));
            if (workload.runOne(context) == Outcome.UNKNOWN) {
                return;
            }
        }
    }

    static RaftKvClient newClient(String endpoint) {
        return RaftKvClient.builder()
                .endpoints(List.of(endpoint))
                .requestTimeout(REQUEST_TIMEOUT)
                .operationTimeout(OPERATION_TIMEOUT)
                .build();
    }
}
