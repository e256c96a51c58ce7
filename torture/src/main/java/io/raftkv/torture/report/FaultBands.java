package io.raftkv.torture.report;

import io.raftkv.torture.fault.FaultWindow;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/** Each fault window as a translucent band over the whole height of the plot, in its kind's colour. */
final class FaultBands {
    /** A fault shorter than a pixel still gets a visible band. */
    static final double MINIMUM_WIDTH_PIXELS = 1;

    private FaultBands() {
    }

    static void draw(Graphics2D graphics, PlotFrame frame, List<FaultWindow> faults) {
        for (FaultWindow fault : faults) {
            graphics.setColor(PlotPalette.bandColour(fault.kind()));
            graphics.fill(span(frame.time(), fault, frame.top(), frame.bottom() - frame.top()));
        }
    }

    /** The rectangle a fault covers horizontally, between the given heights. */
    static Rectangle2D span(TimeScale time, FaultWindow fault, double top, double height) {
        double startX = time.x(fault.startNanos());
        double endX = time.x(fault.endNanos());
        return new Rectangle2D.Double(startX, top, Math.max(MINIMUM_WIDTH_PIXELS, endX - startX), height);
    }
}
