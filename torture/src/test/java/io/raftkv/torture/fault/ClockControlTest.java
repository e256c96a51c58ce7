package io.raftkv.torture.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClockControlTest {
    private static final int TIMED_WAIT_COUNT = 20;
    private static final int TIMED_WAIT_MILLIS = 50;
    /** Waits on a monitor with a timeout, as a JVM's timers do, and prints how long the waits took in total. */
    private static final String TIMED_WAITS = """
            public class TimedWaits {
                public static void main(String[] arguments) throws Exception {
                    Object monitor = new Object();
                    long startNanos = System.nanoTime();
                    for (int wait = 0; wait < %d; wait++) {
                        synchronized (monitor) {
                            monitor.wait(%d);
                        }
                    }
                    System.out.println((System.nanoTime() - startNanos) / 1_000_000);
                }
            }
            """.formatted(TIMED_WAIT_COUNT, TIMED_WAIT_MILLIS);
    /** Our clock and the child's are read at millisecond resolution, truncated. */
    private static final long CLOCK_RESOLUTION_MILLIS = 1;

    @TempDir
    Path directory;

    @Test
    void offsetsAreWrittenInTheSyntaxLibfaketimeReads() {
        assertThat(ClockControl.faketimeOffset(0)).isEqualTo("+0.000s");
        assertThat(ClockControl.faketimeOffset(1_500)).isEqualTo("+1.500s");
        assertThat(ClockControl.faketimeOffset(-300)).isEqualTo("-0.300s");
        assertThat(ClockControl.faketimeOffset(-3_600_007)).isEqualTo("-3600.007s");
    }

    @Test
    void aChildProcessSeesTheOffsetAndItsLaterChanges() {
        assumeAvailable();
        ClockControl clock = new ClockControl(directory);
        Map<String, String> environment = environment(clock, "n1");

        clock.setOffsetMillis("n1", 3_600_000);
        assertChildClockIsOffsetBy(environment, 3_600_000);
        clock.setOffsetMillis("n1", -1_500);
        assertChildClockIsOffsetBy(environment, -1_500);
        clock.resetAll();
        assertChildClockIsOffsetBy(environment, 0);
        assertThat(clock.offsetMillis("n1")).isZero();
    }

    @Test
    void eachNodeHasAClockOfItsOwn() {
        assumeAvailable();
        ClockControl clock = new ClockControl(directory);
        Map<String, String> first = environment(clock, "n1");
        Map<String, String> second = environment(clock, "n2");

        clock.setOffsetMillis("n2", -7_200_000);

        assertChildClockIsOffsetBy(first, 0);
        assertChildClockIsOffsetBy(second, -7_200_000);
        assertThat(clock.offsetMillis("n2")).isEqualTo(-7_200_000);
        assertThat(clock.offsetMillis("n1")).isZero();
    }

    @Test
    void aChildJvmsTimedWaitsStillWaitTheirTime(@TempDir Path sourceDirectory) throws IOException {
        assumeAvailable();
        ClockControl clock = new ClockControl(directory);
        Map<String, String> environment = environment(clock, "n1");
        clock.setOffsetMillis("n1", 60_000);
        Path source = sourceDirectory.resolve("TimedWaits.java");
        Files.writeString(source, TIMED_WAITS);

        String output = ChildProcess.run(List.of(javaBinary(), source.toString()), environment).strip();

        // Object.wait may wake early only spuriously, which HotSpot all but never does; under a libfaketime that
        // breaks monotonic deadlines every one of these waits returns at once.
        assertThat(Long.parseLong(output)).as("milliseconds the child spent in %d timed waits of %d ms",
                TIMED_WAIT_COUNT, TIMED_WAIT_MILLIS).isGreaterThanOrEqualTo(TIMED_WAIT_COUNT * TIMED_WAIT_MILLIS / 2);
    }

    @Test
    void theEnvironmentFakesOnlyTheWallClock() {
        assumeAvailable();
        Map<String, String> environment = new ClockControl(directory).environmentFor("n4");

        assertThat(environment).containsEntry("FAKETIME_NO_CACHE", "1")
                .containsEntry("FAKETIME_DONT_FAKE_MONOTONIC", "1")
                .containsEntry("FAKETIME_FORCE_MONOTONIC_FIX", "0")
                .containsEntry("FAKETIME_TIMESTAMP_FILE", directory.resolve("n4.faketime").toString());
        assertThat(directory.resolve("n4.faketime")).hasContent("+0.000s");
    }

    private static void assumeAvailable() {
        FaultTools.require(ClockControl.unavailableReason());
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    private static Map<String, String> environment(ClockControl clock, String nodeId) {
        Map<String, String> environment = new HashMap<>(clock.environmentFor(nodeId));
        environment.put("LD_PRELOAD", clock.preloadLibrary());
        return environment;
    }

    /**
     * Runs {@code date} under the environment. It reads the real clock at some moment between our two readings, so
     * its answer must lie between them, shifted by the offset, whatever the machine's load.
     */
    private static void assertChildClockIsOffsetBy(Map<String, String> environment, long offsetMillis) {
        long beforeMillis = System.currentTimeMillis();
        String output = ChildProcess.run(List.of("date", "+%s%3N"), environment).strip();
        long afterMillis = System.currentTimeMillis();

        assertThat(Long.parseLong(output)).as("date under an offset of %d ms printed %s", offsetMillis, output)
                .isBetween(beforeMillis + offsetMillis - CLOCK_RESOLUTION_MILLIS,
                        afterMillis + offsetMillis + CLOCK_RESOLUTION_MILLIS);
    }
}
