package io.raftkv.torture.fault;

import io.raftkv.core.Invariants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Steps the wall clock of node processes with libfaketime: each node reads its offset from a file of its own, and a
 * new offset takes effect at the node's next clock reading. Only the wall clock moves ({@code CLOCK_REALTIME}, Java's
 * {@code System.currentTimeMillis}); the monotonic clock stays real, as when an operator or NTP steps a machine's
 * clock. Raft's timers run on the monotonic clock, so skew must not break elections; anything that trusts wall time
 * (TTLs, leases, timestamps) may.
 */
public final class ClockControl {
    /** Where distributions install libfaketime; the first that exists is used. */
    static final List<Path> LIBRARY_CANDIDATES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib64/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/faketime/libfaketime.so.1"),
            Path.of("/usr/local/lib/faketime/libfaketime.so.1"));
    /** Far beyond any skew worth testing, and small enough that no arithmetic on it can overflow. */
    public static final long OFFSET_MILLIS_MAX = 365L * 24 * 60 * 60 * 1000;
    private static final String OFFSET_FILE_SUFFIX = ".faketime";

    private final Path directory;
    private final Path library;
    private final Map<String, Long> offsetMillisByNode = new ConcurrentHashMap<>();

    /** Keeps one offset file per node in {@code directory}, which is created if needed. */
    public ClockControl(Path directory) {
        this.library = findLibrary().orElseThrow(() -> new IllegalStateException(
                "cannot skew clocks: " + unavailableReason().orElse("libfaketime not found")));
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException createFailure) {
            throw new UncheckedIOException("could not create " + directory, createFailure);
        }
    }

    /** Why clocks cannot be skewed here (libfaketime is not installed), empty when they can. */
    public static Optional<String> unavailableReason() {
        return findLibrary().isPresent() ? Optional.empty()
                : Optional.of("libfaketime is not installed (looked for " + LIBRARY_CANDIDATES
                + "; on Debian and Ubuntu: apt-get install libfaketime)");
    }

    /** The library to add to the node's {@code LD_PRELOAD}. */
    public String preloadLibrary() {
        return library.toString();
    }

    /**
     * The variables (other than {@code LD_PRELOAD}) that point a node's libfaketime at its offset file. The file is
     * created with the node's current offset (zero for a new node), so the node starts on real time.
     */
    public Map<String, String> environmentFor(String nodeId) {
        writeOffset(nodeId, offsetMillis(nodeId));
        return Map.of(
                "FAKETIME_TIMESTAMP_FILE", offsetFile(nodeId).toString(),
                // Reread the file at every clock reading, so a step takes effect at once rather than within seconds.
                "FAKETIME_NO_CACHE", "1",
                "FAKETIME_DONT_FAKE_MONOTONIC", "1",
                // libfaketime's "monotonic fix" rewrites pthread_cond_timedwait; with it (Debian's 0.9.10, JDK 25)
                // every timed wait of the JVM returns at once (200 waits of 5 ms take 3 ms), so the node spins on
                // every core and starts in a minute instead of two seconds. ClockControlTest checks this stays off.
                "FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }

    /** Sets the node's wall clock to real time plus {@code offsetMillis} (negative: behind). */
    public void setOffsetMillis(String nodeId, long offsetMillis) {
        Invariants.check(Math.abs(offsetMillis) <= OFFSET_MILLIS_MAX, "offsetMillis must be within ±%d, was %d",
                OFFSET_MILLIS_MAX, offsetMillis);
        writeOffset(nodeId, offsetMillis);
    }

    /** The offset last set for the node, zero if none was. */
    public long offsetMillis(String nodeId) {
        return offsetMillisByNode.getOrDefault(nodeId, 0L);
    }

    /** Puts every node this object has set up back on real time. */
    public void resetAll() {
        offsetMillisByNode.keySet().forEach(nodeId -> writeOffset(nodeId, 0));
    }

    /**
     * libfaketime reads a relative offset as a signed decimal number of seconds with a unit, e.g. {@code +1.500s} or
     * {@code -0.300s}; the sign must be explicit, also for offsets under a second.
     */
    static String faketimeOffset(long offsetMillis) {
        long magnitudeMillis = Math.abs(offsetMillis);
        return String.format(Locale.ROOT, "%s%d.%03ds", offsetMillis < 0 ? "-" : "+", magnitudeMillis / 1000,
                magnitudeMillis % 1000);
    }

    /** Writes a temporary file and renames it over the old one, so a node never reads a half-written offset. */
    private synchronized void writeOffset(String nodeId, long offsetMillis) {
        Path target = offsetFile(nodeId);
        Path temporary = directory.resolve(nodeId + OFFSET_FILE_SUFFIX + ".new");
        try {
            Files.writeString(temporary, faketimeOffset(offsetMillis) + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException writeFailure) {
            throw new UncheckedIOException("could not write the clock offset of " + nodeId + " to " + target,
                    writeFailure);
        }
        offsetMillisByNode.put(nodeId, offsetMillis);
    }

    private Path offsetFile(String nodeId) {
        Invariants.check(nodeId.matches("[A-Za-z0-9_-]{1,64}"), "node id must be a plain name, was '%s'", nodeId);
        return directory.resolve(nodeId + OFFSET_FILE_SUFFIX);
    }

    private static Optional<Path> findLibrary() {
        return LIBRARY_CANDIDATES.stream().filter(Files::isReadable).findFirst();
    }
}
