package io.raftkv.cli;

/**
 * What {@code raftkv bench} measures: raftkv's HTTP API (over plain sockets or the client library), any server that speaks memcached's text protocol, or etcd's
 * gRPC API.
 */
sealed interface BenchTarget extends AutoCloseable permits LeanHttpBenchTarget, HttpBenchTarget,
        MemcachedBenchTarget, EtcdBenchTarget {
    /** The one-word name in the {@code RESULT} line: {@code http}, {@code http-library}, {@code memcached} or {@code etcd}. */
    String name();

    /** The name and the addresses, for the first line of the output. */
    String describe();

    /**
     * Opens the connection of worker {@code workerIndex}.
     *
     * @throws BenchAbortedException if the target cannot be reached at all
     */
    BenchConnection open(int workerIndex);

    @Override
    void close();
}
