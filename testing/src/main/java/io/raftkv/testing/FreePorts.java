package io.raftkv.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks loopback ports that are free right now, by letting the kernel choose them. */
final class FreePorts {
    private FreePorts() {
    }

    /**
     * Distinct free ports on 127.0.0.1. Every socket stays bound until all are picked, so the kernel cannot hand the
     * same port out twice; another process may still take one after they are closed, a race the suite accepts.
     */
    static List<Integer> pick(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int index = 0; index < count; index++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException bindFailure) {
            throw new UncheckedIOException("could not bind a free loopback port", bindFailure);
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
