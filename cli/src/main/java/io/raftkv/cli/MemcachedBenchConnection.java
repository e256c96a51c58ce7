package io.raftkv.cli;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.ReadConsistency;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One worker's blocking TCP connection to a memcached server, speaking the text protocol: {@code set} and {@code get}
 * one at a time. After an error reply or a broken one, the connection is closed and the next operation opens a new
 * one: what follows a failure on the old one cannot be trusted to be in step with the requests.
 */
final class MemcachedBenchConnection implements BenchConnection {
    /** memcached refuses longer keys. */
    static final int KEY_BYTES_MAX = 250;
    private static final byte[] SET = ascii("set ");
    private static final byte[] GET = ascii("get ");
    private static final byte[] LINE_END = ascii("\r\n");

    private final BenchSocket<MemcachedBenchReader> socket;

    private MemcachedBenchConnection(HostPort address, Duration connectTimeout, Duration readTimeout) {
        this.socket = new BenchSocket<>(address, connectTimeout, readTimeout, MemcachedBenchReader::new);
    }

    /** Connects at once, so that an unreachable server is reported before the benchmark starts. */
    static MemcachedBenchConnection open(HostPort address, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        MemcachedBenchConnection connection = new MemcachedBenchConnection(address, connectTimeout, readTimeout);
        connection.socket.connectIfClosed();
        return connection;
    }

    @Override
    public BenchReply write(Bytes key, Bytes value) {
        requireValidKey(key);
        try {
            socket.connectIfClosed();
            OutputStream out = socket.out();
            out.write(SET);
            out.write(key.unsafeArray());
            out.write(ascii(" 0 0 " + value.length() + "\r\n"));
            out.write(value.unsafeArray());
            out.write(LINE_END);
            out.flush();
            return settle("set", socket.reader().readStoreReply());
        } catch (IOException failed) {
            return fail("set", failed);
        }
    }

    @Override
    public BenchReply read(Bytes key, ReadConsistency consistency) {
        Invariants.check(consistency == ReadConsistency.LINEARIZABLE,
                "memcached's get has no %s reads; bench refuses that workload before it starts", consistency);
        requireValidKey(key);
        try {
            socket.connectIfClosed();
            OutputStream out = socket.out();
            out.write(GET);
            out.write(key.unsafeArray());
            out.write(LINE_END);
            out.flush();
            return settle("get", socket.reader().readRetrievalReply(new String(key.unsafeArray(),
                    StandardCharsets.ISO_8859_1)));
        } catch (IOException failed) {
            return fail("get", failed);
        }
    }

    private BenchReply settle(String command, MemcachedBenchReply reply) {
        return switch (reply) {
            case MemcachedBenchReply.Stored stored -> BenchReply.SUCCEEDED;
            case MemcachedBenchReply.Hit hit -> BenchReply.SUCCEEDED;
            // A well-formed miss leaves the connection in step; only the count of failures needs to know.
            case MemcachedBenchReply.Miss miss -> new BenchReply.Failed(command + ": miss (END)");
            case MemcachedBenchReply.ErrorReply error -> {
                socket.disconnect();
                yield new BenchReply.Failed(command + ": " + error.line());
            }
        };
    }

    private BenchReply fail(String command, IOException failure) {
        socket.disconnect();
        String reason = failure instanceof MemcachedBenchProtocolException
                ? failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return new BenchReply.Failed(command + ": " + reason);
    }

    @Override
    public void close() {
        socket.disconnect();
    }

    private static void requireValidKey(Bytes key) {
        Invariants.check(!key.isEmpty() && key.length() <= KEY_BYTES_MAX,
                "a memcached key has 1 to %d bytes, this one %d", KEY_BYTES_MAX, key.length());
        for (byte character : key.unsafeArray()) {
            Invariants.check((character & 0xff) > ' ' && character != 0x7f,
                    "a memcached key has no spaces or control characters: %s", key);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
