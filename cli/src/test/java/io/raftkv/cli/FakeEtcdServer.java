package io.raftkv.cli;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for etcd's gRPC KV and Maintenance services on a free loopback port: it stores puts in a map, answers
 * ranges of single keys from it, and records every request as text, so tests see what the bench sent. A test can
 * make it refuse requests with a gRPC status instead.
 */
final class FakeEtcdServer implements AutoCloseable {
    private final Map<ByteString, ByteString> values = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Server server;
    private volatile Status refusal;

    FakeEtcdServer() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new KeyValueService()).addService(new MaintenanceService()).build().start();
    }

    /** From now on every KV request fails with {@code status}. */
    void refuseWith(Status status) {
        refusal = status;
    }

    HostPort hostPort() {
        return new HostPort("127.0.0.1", server.getPort());
    }

    String address() {
        return hostPort().address();
    }

    /** Each request as {@code put KEY VALUE}, or {@code range KEY} with {@code serializable} when it was asked. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class KeyValueService extends KVGrpc.KVImplBase {
        @Override
        public void put(PutRequest request, StreamObserver<PutResponse> reply) {
            requests.add("put " + request.getKey().toStringUtf8() + " " + request.getValue().toStringUtf8());
            if (refusal != null) {
                reply.onError(refusal.asRuntimeException());
                return;
            }
            values.put(request.getKey(), request.getValue());
            reply.onNext(PutResponse.getDefaultInstance());
            reply.onCompleted();
        }

        @Override
        public void range(RangeRequest request, StreamObserver<RangeResponse> reply) {
            requests.add("range " + request.getKey().toStringUtf8() + (request.getSerializable() ? " serializable" : ""));
            if (refusal != null) {
                reply.onError(refusal.asRuntimeException());
                return;
            }
            RangeResponse.Builder response = RangeResponse.newBuilder();
            ByteString value = values.get(request.getKey());
            if (value != null) {
                response.addKvs(KeyValue.newBuilder().setKey(request.getKey()).setValue(value)).setCount(1);
            }
            reply.onNext(response.build());
            reply.onCompleted();
        }
    }

    private static final class MaintenanceService extends MaintenanceGrpc.MaintenanceImplBase {
        @Override
        public void status(StatusRequest request, StreamObserver<StatusResponse> reply) {
            reply.onNext(StatusResponse.newBuilder().setVersion("3.4.0-fake").build());
            reply.onCompleted();
        }
    }
}
