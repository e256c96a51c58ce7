package io.raftkv.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Any server that speaks memcached's text protocol: raftkv's memcached front end or memcached itself, so one load
 * tool measures both. Worker {@code i} gets its own connection to address {@code i % addresses.size()}.
 *
 * @param readTimeout how long a worker waits for a reply before it counts a failure and reconnects
 */
record MemcachedBenchTarget(List<HostPort> addresses, Duration connectTimeout, Duration readTimeout)
        implements BenchTarget {
    /** Far longer than any healthy reply takes, short enough that a hung server does not hang the benchmark. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final String OPTION = "--memcached";

    MemcachedBenchTarget {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException(OPTION + " needs at least one HOST:PORT");
        }
    }

    /** Parses {@code HOST:PORT[,HOST:PORT...]}; a bad address is a {@link SettingException} naming the option. */
    static MemcachedBenchTarget parse(String text) {
        List<HostPort> addresses = new ArrayList<>();
        for (String address : text.split(",", -1)) {
            if (address.isBlank()) {
                throw new SettingException(OPTION + ": expected HOST:PORT[,HOST:PORT...], was '" + text + "'");
            }
            addresses.add(HostPort.parse(address.strip(), OPTION));
        }
        return new MemcachedBenchTarget(addresses, CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    @Override
    public String name() {
        return "memcached";
    }

    @Override
    public String describe() {
        return "memcached " + addresses.stream().map(HostPort::address).collect(Collectors.joining(","));
    }

    @Override
    public BenchConnection open(int workerIndex) {
        HostPort address = addresses.get(workerIndex % addresses.size());
        try {
            return MemcachedBenchConnection.open(address, connectTimeout, readTimeout);
        } catch (IOException unreachable) {
            throw new BenchAbortedException("cannot connect to memcached at " + address.address() + ": "
                    + unreachable.getMessage(), ExitCodes.UNAVAILABLE, unreachable);
        }
    }

    /** Nothing shared to close: each connection belongs to its worker, which closes it. */
    @Override
    public void close() {
    }
}
