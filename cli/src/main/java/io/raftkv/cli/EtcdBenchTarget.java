package io.raftkv.cli;

import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.StatusRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * etcd through its native gRPC API (v3 {@code KV.Put} and {@code KV.Range}), so that etcd is measured without the
 * HTTP/JSON gateway, which costs it a third of its writes. Worker {@code i} sends to address
 * {@code i % addresses.size()}; the workers of one address share one HTTP/2 connection, as etcd's own clients do,
 * each with one request in flight on it.
 */
final class EtcdBenchTarget implements BenchTarget {
    /** Far longer than any healthy reply takes, short enough that a hung server does not hang the benchmark. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    static final String OPTION = "--etcd";

    private final List<HostPort> addresses;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    /** One channel per address, opened by the first worker that needs it; workers open theirs one at a time. */
    private final Map<HostPort, ManagedChannel> channels = new ConcurrentHashMap<>();

    /**
     * @param connectTimeout how long the first worker of an address waits for etcd to answer its status request
     * @param requestTimeout how long a worker waits for a reply before it counts a failure
     */
    EtcdBenchTarget(List<HostPort> addresses, Duration connectTimeout, Duration requestTimeout) {
        this.addresses = List.copyOf(addresses);
        if (this.addresses.isEmpty()) {
            throw new IllegalArgumentException(OPTION + " needs at least one HOST:PORT");
        }
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    List<HostPort> addresses() {
        return addresses;
    }

    /** Parses {@code HOST:PORT[,HOST:PORT...]}; a bad address is a {@link SettingException} naming the option. */
    static EtcdBenchTarget parse(String text) {
        List<HostPort> addresses = new ArrayList<>();
        for (String address : text.split(",", -1)) {
            if (address.isBlank()) {
                throw new SettingException(OPTION + ": expected HOST:PORT[,HOST:PORT...], was '" + text + "'");
            }
            addresses.add(HostPort.parse(address.strip(), OPTION));
        }
        return new EtcdBenchTarget(addresses, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public String describe() {
        return "etcd " + addresses.stream().map(HostPort::address).collect(Collectors.joining(","));
    }

    /**
     * The first worker of each address opens its channel and asks the server's status, so an unreachable or
     * non-etcd server is reported before anything runs (gRPC would otherwise connect on the first request). The
     * status request waits for the connection up to the connect timeout, so an etcd that is still starting is
     * waited for.
     */
    @Override
    public BenchConnection open(int workerIndex) {
        HostPort address = addresses.get(workerIndex % addresses.size());
        ManagedChannel channel = channels.computeIfAbsent(address, this::connect);
        return new EtcdBenchConnection(KVGrpc.newBlockingStub(channel), requestTimeout);
    }

    private ManagedChannel connect(HostPort address) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(address.host(), address.port()).usePlaintext()
                .build();
        try {
            MaintenanceGrpc.newBlockingStub(channel).withWaitForReady()
                    .withDeadlineAfter(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .status(StatusRequest.getDefaultInstance());
            return channel;
        } catch (StatusRuntimeException unreachable) {
            channel.shutdownNow();
            throw new BenchAbortedException("cannot reach etcd at " + address.address() + ": "
                    + EtcdBenchConnection.describe(unreachable), ExitCodes.UNAVAILABLE, unreachable);
        }
    }

    /** Closes every channel; the workers' stubs hold nothing of their own. */
    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : channels.values()) {
            try {
                if (!channel.awaitTermination(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException interrupted) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        channels.clear();
    }
}
