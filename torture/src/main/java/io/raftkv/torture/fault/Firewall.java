package io.raftkv.torture.fault;

import io.raftkv.core.Invariants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cuts loopback links between node addresses with iptables, in one chain of its own ({@value #CHAIN}, or a name the
 * caller gives so that two users on one machine never touch each other's rules) that a single jump from {@code INPUT}
 * on {@code lo} leads to. Only that chain and that jump are ever created, changed or removed;
 * every other rule on the machine stays as it is.
 *
 * <p>Rules match source and destination address, so they only work when every node listens and connects from an
 * address of its own (per-node addresses plus {@link SourceAddressShim}). Dropped packets are not answered, as on a
 * real network that fails: connections hang and time out instead of being refused.
 *
 * <p>{@link #close()} removes the chain; a JVM shutdown hook does the same if the run is killed first.
 */
public final class Firewall implements AutoCloseable {
    /** The only chain this class touches; a stale one from a crashed run is removed by {@link #open()}. */
    public static final String CHAIN = "RAFTKV_TORTURE";
    public static final int PROBABILITY_PERCENT_MAX = 100;
    private static final String EXECUTABLE = "iptables";

    private final Path iptables;
    private final String chain;
    private final Thread removeOnJvmExit;
    private boolean closed;

    private Firewall(Path iptables, String chain) {
        this.iptables = iptables;
        this.chain = chain;
        this.removeOnJvmExit = new Thread(this::removeChain, "raftkv-firewall-cleanup");
    }

    /** Why iptables cannot be used here (no binary, not root, or it does not work), empty when it can. */
    public static Optional<String> unavailableReason() {
        Optional<Path> iptables = Command.find(EXECUTABLE);
        if (iptables.isEmpty()) {
            return Optional.of("iptables is not installed (not on PATH or in the sbin directories)");
        }
        if (!runsAsRoot()) {
            return Optional.of("iptables needs root, and this JVM does not run as root");
        }
        Command.Result listing = Command.run(List.of(iptables.get().toString(), "-w", "-S"));
        if (!listing.succeeded()) {
            return Optional.of("`iptables -w -S` failed with exit code " + listing.exitCode() + ": "
                    + listing.errors().strip());
        }
        return Optional.empty();
    }

    /**
     * Creates the chain and the jump to it, after removing a stale chain of the same name (and its jumps) left by a
     * run that could not clean up.
     */
    public static Firewall open() {
        return open(CHAIN);
    }

    /** Like {@link #open()}, in a chain named {@code chain}: a test that must not disturb a torture run uses its own. */
    public static Firewall open(String chain) {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("cannot inject network faults: " + reason);
        });
        Firewall firewall = new Firewall(Command.find(EXECUTABLE).orElseThrow(), chain);
        firewall.removeChain();
        firewall.iptables("-N", chain);
        firewall.iptables("-I", "INPUT", "-i", "lo", "-j", chain);
        Runtime.getRuntime().addShutdownHook(firewall.removeOnJvmExit);
        return firewall;
    }

    /** Drops every packet from {@code fromAddress} to {@code toAddress} (one direction only). */
    public synchronized void drop(String fromAddress, String toAddress) {
        checkOpen();
        iptables("-A", chain, "-s", fromAddress, "-d", toAddress, "-j", "DROP");
    }

    /** Drops each packet from {@code fromAddress} to {@code toAddress} with the given probability (one direction). */
    public synchronized void dropRandomly(String fromAddress, String toAddress, int probabilityPercent) {
        checkOpen();
        Invariants.check(probabilityPercent > 0 && probabilityPercent <= PROBABILITY_PERCENT_MAX,
                "probabilityPercent must be 1..%d, was %d", PROBABILITY_PERCENT_MAX, probabilityPercent);
        String probability = String.format(Locale.ROOT, "%.2f", probabilityPercent / 100.0);
        iptables("-A", chain, "-s", fromAddress, "-d", toAddress, "-m", "statistic", "--mode", "random",
                "--probability", probability, "-j", "DROP");
    }

    /** Removes every drop rule: all links work again. The chain and its jump stay for the next fault. */
    public synchronized void heal() {
        checkOpen();
        iptables("-F", chain);
    }

    /** Removes the rules, the jump and the chain. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeChain();
        Runtime.getRuntime().removeShutdownHook(removeOnJvmExit);
    }

    /** Flushes and deletes the chain and every jump to it from INPUT, if there is one; leaves all else alone. */
    private synchronized void removeChain() {
        if (!Command.run(List.of(iptables.toString(), "-w", "-S", chain)).succeeded()) {
            return;
        }
        for (String rule : iptables("-S", "INPUT").output().lines().toList()) {
            List<String> words = Arrays.asList(rule.strip().split("\\s+"));
            if (words.size() > 2 && words.getFirst().equals("-A") && words.getLast().equals(chain)
                    && words.get(words.size() - 2).equals("-j")) {
                List<String> deletion = new ArrayList<>(words);
                deletion.set(0, "-D");
                iptables(deletion.toArray(String[]::new));
            }
        }
        iptables("-F", chain);
        iptables("-X", chain);
    }

    private void checkOpen() {
        Invariants.check(!closed, "the firewall is closed");
    }

    private Command.Result iptables(String... arguments) {
        List<String> command = new ArrayList<>(List.of(iptables.toString(), "-w"));
        command.addAll(Arrays.asList(arguments));
        return Command.run(command).orThrow();
    }

    /** The effective user id, from the kernel's own account of this process. */
    private static boolean runsAsRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .map(line -> line.split("\\s+")[2])
                    .anyMatch("0"::equals);
        } catch (IOException readFailure) {
            throw new UncheckedIOException("could not read /proc/self/status", readFailure);
        }
    }
}
