package io.raftkv.torture.report;

import io.raftkv.torture.fault.FaultWindow;
import io.raftkv.torture.history.RecordedOperation;

import java.awt.Rectangle;
import java.util.List;

/**
 * Where everything of the latency plot goes: the image, the plot area inside its margins, and the two scales that map
 * time and latency onto the plot area.
 *
 * @param plotArea the rectangle the dots and bands are drawn in
 */
record PlotFrame(Rectangle plotArea, TimeScale time, LatencyScale latency) {
    static final int IMAGE_WIDTH_PIXELS = 1600;
    static final int IMAGE_HEIGHT_PIXELS = 900;
    /** Room for the latency tick labels and the vertical axis title. */
    private static final int LEFT_MARGIN_PIXELS = 90;
    /** Room for the legend. */
    private static final int RIGHT_MARGIN_PIXELS = 250;
    /** Room for the title line and the fault lanes. */
    private static final int TOP_MARGIN_PIXELS = 120;
    /** Room for the time tick labels and the horizontal axis title. */
    private static final int BOTTOM_MARGIN_PIXELS = 70;

    static PlotFrame fit(List<RecordedOperation> operations, List<FaultWindow> faults, long runNanos) {
        Rectangle plotArea = new Rectangle(LEFT_MARGIN_PIXELS, TOP_MARGIN_PIXELS,
                IMAGE_WIDTH_PIXELS - LEFT_MARGIN_PIXELS - RIGHT_MARGIN_PIXELS,
                IMAGE_HEIGHT_PIXELS - TOP_MARGIN_PIXELS - BOTTOM_MARGIN_PIXELS);
        return new PlotFrame(plotArea,
                TimeScale.fit(operations, faults, runNanos, plotArea.x, plotArea.width),
                LatencyScale.fit(operations, plotArea.y, plotArea.height));
    }

    int left() {
        return plotArea.x;
    }

    int right() {
        return plotArea.x + plotArea.width;
    }

    int top() {
        return plotArea.y;
    }

    int bottom() {
        return plotArea.y + plotArea.height;
    }
}
