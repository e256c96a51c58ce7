package io.raftkv.cli;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.grpc.StatusRuntimeException;
import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One worker's way to etcd: blocking {@code Put} and {@code Range} calls on the shared channel of its address. A
 * linearizable read is etcd's default {@code Range}; a serializable one sets {@code serializable}, which lets the
 * node answer from its own store, as raftkv's serializable reads do.
 */
record EtcdBenchConnection(KVGrpc.KVBlockingStub stub, Duration requestTimeout) implements BenchConnection {
    @Override
    public BenchReply write(Bytes key, Bytes value) {
        PutRequest request = PutRequest.newBuilder().setKey(ByteString.copyFrom(key.unsafeArray()))
                .setValue(ByteString.copyFrom(value.unsafeArray())).build();
        try {
            withDeadline().put(request);
            return BenchReply.SUCCEEDED;
        } catch (StatusRuntimeException failed) {
            return new BenchReply.Failed("put: " + describe(failed));
        }
    }

    @Override
    public BenchReply read(Bytes key, ReadConsistency consistency) {
        RangeRequest request = RangeRequest.newBuilder().setKey(ByteString.copyFrom(key.unsafeArray()))
                .setSerializable(consistency == ReadConsistency.SERIALIZABLE).build();
        try {
            RangeResponse response = withDeadline().range(request);
            return response.getKvsCount() > 0 ? BenchReply.SUCCEEDED : new BenchReply.Failed("get: not found");
        } catch (StatusRuntimeException failed) {
            return new BenchReply.Failed("get: " + describe(failed));
        }
    }

    /** A deadline is fixed when set, so every call gets a fresh one. */
    private KVGrpc.KVBlockingStub withDeadline() {
        return stub.withDeadlineAfter(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The status code and etcd's description, without the key, so that failures of one kind share one text. */
    static String describe(StatusRuntimeException failed) {
        String description = failed.getStatus().getDescription();
        return failed.getStatus().getCode() + (description == null ? "" : " " + description);
    }

    /** Nothing to close: the channel belongs to the target, which closes it. */
    @Override
    public void close() {
    }
}
