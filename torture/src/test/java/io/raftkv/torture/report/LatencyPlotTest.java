package io.raftkv.torture.report;

import io.raftkv.torture.fault.FaultWindow;
import io.raftkv.torture.history.Outcome;
import io.raftkv.torture.history.RecordedOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyPlotTest {
    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final long MILLI_NANOS = 1_000_000L;
    private static final long RUN_NANOS = 60 * SECOND_NANOS;

    @TempDir
    Path folder;

    @Test
    void writesPngThatDecodesAtTheExpectedSize() throws IOException {
        List<RecordedOperation> operations = List.of(
                operation(0, "write", 1 * SECOND_NANOS, 3 * MILLI_NANOS, Outcome.OK),
                operation(1, "read", 2 * SECOND_NANOS, 800 * MILLI_NANOS, Outcome.FAIL));
        List<FaultWindow> faults = List.of(new FaultWindow("kill", "kill -9 n1", SECOND_NANOS, 5 * SECOND_NANOS));

        BufferedImage image = writeAndDecode(operations, faults, RUN_NANOS);

        assertThat(image.getWidth()).isEqualTo(PlotFrame.IMAGE_WIDTH_PIXELS);
        assertThat(image.getHeight()).isEqualTo(PlotFrame.IMAGE_HEIGHT_PIXELS);
    }

    @Test
    void pixelsInsideAFaultBandDifferFromPixelsOutsideIt() throws IOException {
        List<FaultWindow> faults =
                List.of(new FaultWindow("partition", "{n1} | {n2,n3}", 10 * SECOND_NANOS, 20 * SECOND_NANOS));
        PlotFrame frame = PlotFrame.fit(List.of(), faults, RUN_NANOS);
        int y = (int) frame.latency().yForMillis(1.5);

        BufferedImage image = writeAndDecode(List.of(), faults, RUN_NANOS);

        Color inside = colourAt(image, frame.time().x(15_500 * MILLI_NANOS), y);
        Color outside = colourAt(image, frame.time().x(40_500 * MILLI_NANOS), y);
        assertThat(outside).isEqualTo(Color.WHITE);
        assertThat(inside).isNotEqualTo(outside);
        // Partitions are green: the band tints the white background towards green.
        assertThat(inside.getGreen()).isGreaterThan(inside.getRed()).isGreaterThan(inside.getBlue() - 1);
    }

    @Test
    void bandsOfDifferentFaultKindsHaveDifferentColours() throws IOException {
        List<FaultWindow> faults = List.of(new FaultWindow("kill", "kill -9 n1", 10 * SECOND_NANOS, 20 * SECOND_NANOS),
                new FaultWindow("pause", "SIGSTOP n2", 30 * SECOND_NANOS, 40 * SECOND_NANOS));
        PlotFrame frame = PlotFrame.fit(List.of(), faults, RUN_NANOS);
        int y = (int) frame.latency().yForMillis(1.5);

        BufferedImage image = writeAndDecode(List.of(), faults, RUN_NANOS);

        Color kill = colourAt(image, frame.time().x(15_500 * MILLI_NANOS), y);
        Color pause = colourAt(image, frame.time().x(35_500 * MILLI_NANOS), y);
        assertThat(kill).isNotEqualTo(Color.WHITE).isNotEqualTo(pause);
        assertThat(pause).isNotEqualTo(Color.WHITE);
    }

    @Test
    void unknownOperationIsARedDotAtItsInvocationTimeAndGiveUpLatency() throws IOException {
        RecordedOperation unknown = operation(0, "write", 30 * SECOND_NANOS, 5 * SECOND_NANOS, Outcome.UNKNOWN);
        RecordedOperation ok = operation(1, "read", 10 * SECOND_NANOS, 2 * MILLI_NANOS, Outcome.OK);
        PlotFrame frame = PlotFrame.fit(List.of(unknown, ok), List.of(), RUN_NANOS);

        BufferedImage image = writeAndDecode(List.of(unknown, ok), List.of(), RUN_NANOS);

        Color unknownDot = colourAt(image, frame.time().x(unknown.invokeNanos()),
                frame.latency().y(unknown.latencyNanos()));
        Color okDot = colourAt(image, frame.time().x(ok.invokeNanos()), frame.latency().y(ok.latencyNanos()));
        assertThat(unknownDot.getRed()).isGreaterThan(150);
        assertThat(unknownDot.getGreen()).isLessThan(110);
        assertThat(unknownDot.getBlue()).isLessThan(110);
        assertThat(okDot.getBlue()).isGreaterThan(okDot.getRed() + 50);
    }

    @Test
    void latencyAxisGrowsToShowSlowOperations() {
        RecordedOperation slow = operation(0, "write", SECOND_NANOS, 7 * SECOND_NANOS, Outcome.UNKNOWN);
        RecordedOperation fast = operation(1, "read", SECOND_NANOS, 300_000, Outcome.OK);

        LatencyScale latency = PlotFrame.fit(List.of(slow, fast), List.of(), RUN_NANOS).latency();

        assertThat(latency.lowestDecade()).isEqualTo(-1);
        assertThat(latency.highestDecade()).isEqualTo(4);
    }

    @Test
    void drawsThousandsOfOperations() throws IOException {
        long seed = System.nanoTime();
        System.out.println("drawsThousandsOfOperations seed " + seed);
        Random random = new Random(seed);
        List<RecordedOperation> operations = new ArrayList<>();
        for (int index = 0; index < 5_000; index++) {
            operations.add(operation(index, random.nextBoolean() ? "read" : "cas",
                    (long) (random.nextDouble() * RUN_NANOS), (long) (random.nextDouble() * 2_000 * MILLI_NANOS),
                    Outcome.values()[random.nextInt(Outcome.values().length)]));
        }
        List<FaultWindow> faults = List.of(new FaultWindow("loss", "drop 20%", 0, RUN_NANOS / 2),
                new FaultWindow("clock", "n2 +300 ms", RUN_NANOS / 4, RUN_NANOS),
                new FaultWindow("strange", "a kind this palette does not know", 0, RUN_NANOS));

        BufferedImage image = writeAndDecode(operations, faults, RUN_NANOS);

        assertThat(image.getWidth()).isEqualTo(PlotFrame.IMAGE_WIDTH_PIXELS);
        RecordedOperation first = operations.getFirst();
        PlotFrame frame = PlotFrame.fit(operations, faults, RUN_NANOS);
        assertThat(colourAt(image, frame.time().x(first.invokeNanos()), frame.latency().y(first.latencyNanos())))
                .isNotEqualTo(Color.WHITE);
    }

    @Test
    void drawsARunWithoutOperationsOrFaults() throws IOException {
        BufferedImage image = writeAndDecode(List.of(), List.of(), 0);

        assertThat(image.getWidth()).isEqualTo(PlotFrame.IMAGE_WIDTH_PIXELS);
        assertThat(image.getHeight()).isEqualTo(PlotFrame.IMAGE_HEIGHT_PIXELS);
    }

    private BufferedImage writeAndDecode(List<RecordedOperation> operations, List<FaultWindow> faults, long runNanos)
            throws IOException {
        Path file = folder.resolve(ReportLayout.PLOT_FILE_NAME);
        LatencyPlot.writePng(operations, faults, runNanos, file, "test run, seed 42");
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("decoded %s", file).isNotNull();
        return image;
    }

    private static Color colourAt(BufferedImage image, double x, double y) {
        return new Color(image.getRGB((int) Math.round(x), (int) Math.round(y)));
    }

    private static RecordedOperation operation(long index, String function, long invokeNanos, long latencyNanos,
                                               Outcome outcome) {
        return new RecordedOperation(index, 1, function, "k", null, null, "n1", invokeNanos, invokeNanos + latencyNanos,
                outcome, outcome == Outcome.OK ? null : "no answer");
    }
}
