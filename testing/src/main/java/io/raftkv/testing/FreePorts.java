package io.raftkv.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks ports on a loopback address that are free right now, by letting the kernel choose them. */
final class FreePorts {
    private FreePorts() {
    }

    /**
     * Distinct free ports on {@code host}, a literal loopback address. Every socket stays bound until all are picked,
     * so the kernel cannot hand the same port out twice; another process may still take one after they are closed, a
     * race the suite accepts. Ports of one host must therefore be picked in one call.
     */
    static List<Integer> pick(String host, int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            InetAddress address = InetAddress.getByName(host);
            for (int index = 0; index < count; index++) {
                sockets.add(new ServerSocket(0, 1, address));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException bindFailure) {
            throw new UncheckedIOException("could not bind a free port on " + host, bindFailure);
        } finally {
            sockets.forEach(FreePorts::release);
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
