package io.raftkv.testing;

import io.raftkv.core.Invariants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * SIGSTOP and SIGCONT for one process, by its pid. Java can only send SIGTERM and SIGKILL, so this runs the
 * {@code kill} command, then waits until {@code /proc/PID/stat} shows the new state: the signal is delivered
 * asynchronously, and a caller that pauses a node must be able to rely on it being frozen when the call returns.
 */
final class Signals {
    /** The kernel acts on these signals within microseconds; this only bounds a broken system. */
    static final long SIGNAL_TIMEOUT_MILLIS = 10_000;
    /** The state letter of a process stopped by a signal, the third field of {@code /proc/PID/stat}. */
    private static final char STOPPED_STATE = 'T';
    /** What {@link #state} reports for a process that no longer exists, as the kernel does for a dead one. */
    private static final char GONE_STATE = 'X';

    private Signals() {
    }

    static void stop(long pid) {
        send("STOP", pid);
        Poll.until("pid " + pid + " to stop", Duration.ofMillis(SIGNAL_TIMEOUT_MILLIS),
                () -> state(pid) == STOPPED_STATE, () -> "state " + state(pid));
    }

    static void resume(long pid) {
        send("CONT", pid);
        Poll.until("pid " + pid + " to continue", Duration.ofMillis(SIGNAL_TIMEOUT_MILLIS),
                () -> state(pid) != STOPPED_STATE, () -> "state " + state(pid));
    }

    private static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .start();
            Invariants.check(ProcessWaits.exited(kill, Duration.ofMillis(SIGNAL_TIMEOUT_MILLIS)),
                    "kill -%s %d did not finish within %d ms", signal, pid, SIGNAL_TIMEOUT_MILLIS);
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            Invariants.check(kill.exitValue() == 0, "kill -%s %d failed with exit code %d: %s", signal, pid,
                    kill.exitValue(), output);
        } catch (IOException startFailure) {
            throw new UncheckedIOException("could not run kill -" + signal + " " + pid, startFailure);
        }
    }

    /**
     * The process state letter ({@code R}, {@code S}, {@code T}, ...); a process that has gone counts as {@code X}
     * (dead), which is not stopped. The command name in parentheses may itself hold spaces, so the state is read after
     * the last closing parenthesis.
     */
    static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            return stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
        } catch (NoSuchFileException gone) {
            return GONE_STATE;
        } catch (IOException readFailure) {
            throw new UncheckedIOException("could not read the state of pid " + pid, readFailure);
        }
    }
}
