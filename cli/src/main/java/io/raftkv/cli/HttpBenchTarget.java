package io.raftkv.cli;

import io.raftkv.client.RaftKvClient;
import io.raftkv.client.RaftKvRequestException;
import io.raftkv.client.RaftKvUnavailableException;
import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.GetResult;
import io.raftkv.core.query.QueryResult;

/**
 * raftkv's HTTP API through the Java client, chosen with {@code --http-client library}: it measures what an
 * application using the library sees, client costs included ({@link LeanHttpBenchTarget} is the default). Every worker shares the one client: it is thread-safe and pools its
 * HTTP connections, and one client means one write sequencer, as an application would have.
 */
record HttpBenchTarget(RaftKvClient client) implements BenchTarget {
    @Override
    public String name() {
        return "http-library";
    }

    @Override
    public String describe() {
        return "http-library " + String.join(",", client.endpoints());
    }

    @Override
    public BenchConnection open(int workerIndex) {
        return new Connection(client);
    }

    @Override
    public void close() {
        client.close();
    }

    private record Connection(RaftKvClient client) implements BenchConnection {
        @Override
        public BenchReply write(Bytes key, Bytes value) {
            try {
                PutResult result = client.put(key, value);
                return result instanceof Result.Written
                        ? BenchReply.SUCCEEDED
                        : new BenchReply.Failed("put: " + result.getClass().getSimpleName());
            } catch (RaftKvUnavailableException | RaftKvRequestException failed) {
                return new BenchReply.Failed("put: " + failed.getMessage());
            }
        }

        @Override
        public BenchReply read(Bytes key, ReadConsistency consistency) {
            try {
                GetResult result = client.get(key, consistency);
                return result instanceof QueryResult.Found
                        ? BenchReply.SUCCEEDED
                        : new BenchReply.Failed("get: " + result.getClass().getSimpleName());
            } catch (RaftKvUnavailableException | RaftKvRequestException failed) {
                return new BenchReply.Failed("get: " + failed.getMessage());
            }
        }

        /** Nothing to close: the connections belong to the shared client, which the target closes. */
        @Override
        public void close() {
        }
    }
}
