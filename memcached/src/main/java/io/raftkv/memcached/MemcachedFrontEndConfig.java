package io.raftkv.memcached;

import io.raftkv.core.Invariants;
import io.raftkv.core.Limits;

/**
 * Where the memcached port listens and what it accepts.
 *
 * @param host                             the address to bind, such as 127.0.0.1 or 0.0.0.0
 * @param port                             the port; 0 picks a free one, see {@link MemcachedFrontEnd#boundAddress()}
 * @param limits                           the node's limits; {@code valueBytesMax} bounds every data block
 * @param connectionsMax                   connections beyond this many are closed as soon as they are accepted
 * @param keyBytesMax                      the longest key on a command line (memcached's 250)
 * @param lineBytesMax                     the longest command line, terminator included
 * @param keysPerGetMax                    the most keys one get, gets, gat or gats line may name
 * @param getReplyBytesMax                 the most key and value bytes one get, gets, gat or gats reply may carry;
 *                                         past it the reply is memcached's {@code SERVER_ERROR out of memory writing
 *                                         get response} (a single key is always answered)
 * @param pendingRequestsPerConnectionMax  unanswered requests at which a connection stops reading its socket
 * @param accessTableKeysMax               keys whose last access this node remembers for the h and l meta flags
 * @param valueBytesInFlightMax            data-block bytes all connections may hold at once, from the storage line
 *                                         until its reply (see {@link ValueMemory})
 */
public record MemcachedFrontEndConfig(String host, int port, Limits limits, int connectionsMax, int keyBytesMax,
                                      int lineBytesMax, int keysPerGetMax, int getReplyBytesMax,
                                      int pendingRequestsPerConnectionMax,
                                      int accessTableKeysMax, long valueBytesInFlightMax) {
    /** Enough for many clients with connection pools, few enough that file descriptors and memory stay bounded. */
    public static final int CONNECTIONS_MAX_DEFAULT = 10_000;
    /** memcached's KEY_MAX_LENGTH: clients are written against it. */
    public static final int KEY_BYTES_MAX_DEFAULT = 250;
    /**
     * 64 KiB: a multi-key get of 256 maximal keys, or thousands of typical ones, fits on one line (memcached's own
     * tokenizer stops at 65,534 bytes for everything but get), while a connection that never sends a line
     * terminator can make this node buffer no more than this.
     */
    public static final int LINE_BYTES_MAX_DEFAULT = 64 * 1024;
    /** One get line is one {@link io.raftkv.core.query.CacheGet}, so it takes that query's own limit. */
    public static final int KEYS_PER_GET_MAX_DEFAULT = Limits.CACHE_GET_KEYS_MAX;
    /**
     * A sixteenth of the heap, at most 64 MiB (sixty-four values of memcached's largest default size, far more than
     * multi-gets carry in practice): a reply's values are held several times over on their way from the database to
     * the socket, and a 256 MiB node ran out of heap on a single 64 MiB get. At least 1 MiB.
     */
    public static int getReplyBytesMaxDefault() {
        long sixteenthOfTheHeap = Runtime.getRuntime().maxMemory() / 16;
        return (int) Math.clamp(sixteenthOfTheHeap, GET_REPLY_BYTES_MIN_DEFAULT, Limits.CACHE_GET_BYTES_MAX);
    }

    /** Deep enough for pipelining clients to keep the Raft batches full, shallow enough to bound a connection. */
    public static final int PENDING_REQUESTS_PER_CONNECTION_MAX_DEFAULT = 128;
    /** Roughly 20 MiB at most with 250-byte keys; keys beyond it are forgotten least recently used first. */
    public static final int ACCESS_TABLE_KEYS_MAX_DEFAULT = 65_536;
    /**
     * A quarter of the heap, so that values held for slow or pipelining clients cannot exhaust the node's memory;
     * never less than two values of the largest size, so that one large set always fits.
     */
    public static long valueBytesInFlightMaxDefault(Limits limits) {
        return Math.max(Runtime.getRuntime().maxMemory() / 4, 2L * (limits.valueBytesMax() + 2));
    }

    private static final int PORT_MAX = 65_535;
    private static final long GET_REPLY_BYTES_MIN_DEFAULT = 1024 * 1024;
    /** The shortest line limit that still holds a storage command with a maximal key and every argument. */
    private static final int LINE_BYTES_MIN = 512;

    public MemcachedFrontEndConfig {
        Invariants.check(host != null && !host.isBlank(), "host must not be blank");
        Invariants.check(port >= 0 && port <= PORT_MAX, "port must be 0..%d, was %d", PORT_MAX, port);
        Invariants.check(limits != null, "limits must be given");
        Invariants.check(connectionsMax >= 1, "connectionsMax must be positive, was %d", connectionsMax);
        Invariants.check(keyBytesMax >= 1 && keyBytesMax <= limits.keyBytesMax(),
                "keyBytesMax must be 1..%d (the node's key limit), was %d", limits.keyBytesMax(), keyBytesMax);
        Invariants.check(lineBytesMax >= LINE_BYTES_MIN, "lineBytesMax must be at least %d, was %d",
                LINE_BYTES_MIN, lineBytesMax);
        Invariants.check(keysPerGetMax >= 1 && keysPerGetMax <= Limits.CACHE_GET_KEYS_MAX,
                "keysPerGetMax must be 1..%d, was %d", Limits.CACHE_GET_KEYS_MAX, keysPerGetMax);
        Invariants.check(getReplyBytesMax >= 1 && getReplyBytesMax <= Limits.CACHE_GET_BYTES_MAX,
                "getReplyBytesMax must be 1..%d, was %d", Limits.CACHE_GET_BYTES_MAX, getReplyBytesMax);
        Invariants.check(pendingRequestsPerConnectionMax >= 1, "pendingRequestsPerConnectionMax must be positive, was %d",
                pendingRequestsPerConnectionMax);
        Invariants.check(accessTableKeysMax >= 1, "accessTableKeysMax must be positive, was %d", accessTableKeysMax);
        Invariants.check(valueBytesInFlightMax >= limits.valueBytesMax() + 2L,
                "valueBytesInFlightMax must hold at least one value of %d bytes, was %d", limits.valueBytesMax(),
                valueBytesInFlightMax);
    }

    /** The defaults above for everything but where to listen and the node's limits. */
    public static MemcachedFrontEndConfig defaults(String host, int port, Limits limits) {
        return new MemcachedFrontEndConfig(host, port, limits, CONNECTIONS_MAX_DEFAULT, KEY_BYTES_MAX_DEFAULT,
                LINE_BYTES_MAX_DEFAULT, KEYS_PER_GET_MAX_DEFAULT, getReplyBytesMaxDefault(),
                PENDING_REQUESTS_PER_CONNECTION_MAX_DEFAULT,
                ACCESS_TABLE_KEYS_MAX_DEFAULT, valueBytesInFlightMaxDefault(limits));
    }

    MemcachedFrontEndConfig withGetReplyBytesMax(int newGetReplyBytesMax) {
        return new MemcachedFrontEndConfig(host, port, limits, connectionsMax, keyBytesMax, lineBytesMax, keysPerGetMax,
                newGetReplyBytesMax, pendingRequestsPerConnectionMax, accessTableKeysMax, valueBytesInFlightMax);
    }

    /** HOST:PORT, for messages. */
    public String address() {
        return host + ":" + port;
    }
}
