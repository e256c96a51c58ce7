package io.raftkv.torture.report;

import io.raftkv.core.Invariants;
import io.raftkv.torture.fault.FaultWindow;
import io.raftkv.torture.history.RecordedOperation;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The latency plot of a run as a PNG image: one dot per operation at its invocation time (seconds since the start, x)
 * and its latency (milliseconds, log scale, y), coloured by outcome and shaped by function, over translucent bands
 * where faults were active, with a lane per fault kind above the plot and a legend on the right. It shows at a glance
 * whether operations stalled or failed during faults, and whether the cluster recovered after them.
 */
public final class LatencyPlot {
    private static final String HEADLESS_PROPERTY = "java.awt.headless";
    private static final String PNG_FORMAT = "png";
    private static final int TITLE_BASELINE_PIXELS = 34;

    static {
        // The harness runs on servers and in CI without a display; Java2D must not try to open one. A caller that
        // chose a mode explicitly keeps it.
        if (System.getProperty(HEADLESS_PROPERTY) == null) {
            System.setProperty(HEADLESS_PROPERTY, "true");
        }
    }

    private LatencyPlot() {
    }

    /**
     * Draws the plot and writes it as PNG, replacing the file. Works for any number of operations and faults,
     * including none.
     *
     * @param runNanos how long the run lasted; the time axis covers at least this
     * @param title    the line on top of the image, typically the run's name, seed and workload
     */
    public static void writePng(List<RecordedOperation> operations, List<FaultWindow> faults, long runNanos,
                                Path file, String title) throws IOException {
        BufferedImage image = render(operations, faults, runNanos, title);
        try (OutputStream output = Files.newOutputStream(file)) {
            boolean written = ImageIO.write(image, PNG_FORMAT, output);
            Invariants.check(written, "this Java has no PNG writer");
        }
    }

    /** Draws the plot; the layers go from back to front. */
    static BufferedImage render(List<RecordedOperation> operations, List<FaultWindow> faults, long runNanos,
                                String title) {
        Invariants.check(title != null, "the plot needs a title");
        PlotFrame frame = PlotFrame.fit(operations, faults, runNanos);
        BufferedImage image = new BufferedImage(PlotFrame.IMAGE_WIDTH_PIXELS, PlotFrame.IMAGE_HEIGHT_PIXELS,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            prepare(graphics);
            FaultBands.draw(graphics, frame, faults);
            PlotAxes.drawGrid(graphics, frame);
            OperationDots.draw(graphics, frame, operations);
            PlotAxes.drawAxes(graphics, frame);
            FaultLanes.draw(graphics, frame, faults);
            PlotLegend.draw(graphics, frame, operations, faults);
            drawTitle(graphics, frame, title);
        } finally {
            graphics.dispose();
        }
        return image;
    }

    private static void prepare(Graphics2D graphics) {
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        graphics.setColor(PlotPalette.BACKGROUND);
        graphics.fillRect(0, 0, PlotFrame.IMAGE_WIDTH_PIXELS, PlotFrame.IMAGE_HEIGHT_PIXELS);
    }

    private static void drawTitle(Graphics2D graphics, PlotFrame frame, String title) {
        graphics.setColor(PlotPalette.TEXT);
        graphics.setFont(PlotText.TITLE);
        graphics.drawString(title, frame.left(), TITLE_BASELINE_PIXELS);
    }
}
