package io.raftkv.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks ports on a loopback address that are free right now, below the kernel's ephemeral range. Ports the kernel
 * chooses itself (port 0) come from that range (32768-60999 on Linux), which is also where every outgoing connection
 * gets its local port: a node started later on such a port can find it taken by some client's connection. So ports
 * are tried here from a range of their own instead.
 */
final class FreePorts {
    /** Above the fixed ports of `raftkv dev` (8081.., 9081.., 11081..) and the bench scripts (16000-23803). */
    static final int PORT_MIN = 24_000;
    /** The last port below Linux's default ephemeral range. */
    static final int PORT_MAX = 32_767;

    private FreePorts() {
    }

    /**
     * Distinct free ports on {@code host}, a literal loopback address, from {@link #PORT_MIN} to {@link #PORT_MAX}.
     * The search starts at a random port, so that test JVMs running side by side rarely try the same ones. Every
     * socket stays bound until all are picked, so no port is handed out twice; another process may still take one
     * after they are closed, a race the suite accepts. Ports of one host must therefore be picked in one call.
     */
    static List<Integer> pick(String host, int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            InetAddress address = InetAddress.getByName(host);
            int rangeSize = PORT_MAX - PORT_MIN + 1;
            int start = ThreadLocalRandom.current().nextInt(rangeSize);
            for (int offset = 0; offset < rangeSize && sockets.size() < count; offset++) {
                tryBind(address, PORT_MIN + (start + offset) % rangeSize).ifPresent(sockets::add);
            }
            if (sockets.size() < count) {
                throw new IllegalStateException("only " + sockets.size() + " of " + count + " ports free on " + host
                        + " between " + PORT_MIN + " and " + PORT_MAX);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException unknownHost) {
            throw new UncheckedIOException("cannot resolve " + host, unknownHost);
        } finally {
            sockets.forEach(FreePorts::release);
        }
    }

    /** A socket bound to {@code port}, or empty if something else holds it. */
    private static Optional<ServerSocket> tryBind(InetAddress address, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(address, port), 1);
            return Optional.of(socket);
        } catch (IOException taken) {
            socket.close();
            return Optional.empty();
        }
    }

    private static void release(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException closeFailure) {
            throw new UncheckedIOException("could not release port " + socket.getLocalPort(), closeFailure);
        }
    }
}
