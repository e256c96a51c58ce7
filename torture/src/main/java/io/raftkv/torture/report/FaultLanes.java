package io.raftkv.torture.report;

import io.raftkv.torture.fault.FaultWindow;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A strip above the plot with one lane per fault kind, each fault a solid bar in its lane. Where bands of different
 * kinds overlap in the plot, their colours mix; the lanes keep them apart so that a person can see what overlapped.
 */
final class FaultLanes {
    private static final int LANE_HEIGHT_PIXELS = 12;
    private static final int BAR_INSET_PIXELS = 1;
    private static final int GAP_ABOVE_PLOT_PIXELS = 8;
    private static final int LABEL_GAP_PIXELS = 6;
    private static final String OTHER_KINDS_LANE = "other";

    private FaultLanes() {
    }

    static void draw(Graphics2D graphics, PlotFrame frame, List<FaultWindow> faults) {
        List<String> lanes = lanes(faults);
        double firstLaneTop = frame.top() - GAP_ABOVE_PLOT_PIXELS - lanes.size() * LANE_HEIGHT_PIXELS;
        graphics.setFont(PlotText.LANE_LABEL);
        for (int lane = 0; lane < lanes.size(); lane++) {
            double laneTop = firstLaneTop + lane * LANE_HEIGHT_PIXELS;
            drawLane(graphics, frame, lanes.get(lane), laneTop);
        }
        for (FaultWindow fault : faults) {
            double laneTop = firstLaneTop + laneOf(lanes, fault.kind()) * LANE_HEIGHT_PIXELS;
            graphics.setColor(PlotPalette.faultColour(fault.kind()));
            graphics.fill(FaultBands.span(frame.time(), fault, laneTop + BAR_INSET_PIXELS,
                    LANE_HEIGHT_PIXELS - 2 * BAR_INSET_PIXELS));
        }
    }

    private static void drawLane(Graphics2D graphics, PlotFrame frame, String name, double laneTop) {
        graphics.setColor(PlotPalette.EMPTY_LANE);
        graphics.fill(new Rectangle2D.Double(frame.left(), laneTop + BAR_INSET_PIXELS, frame.right() - frame.left(),
                LANE_HEIGHT_PIXELS - 2 * BAR_INSET_PIXELS));
        graphics.setColor(PlotPalette.TEXT);
        PlotText.rightAligned(graphics, name, frame.left() - LABEL_GAP_PIXELS, laneTop + LANE_HEIGHT_PIXELS / 2.0);
    }

    /** The known kinds always, so that runs look alike, and one lane for any other kinds when there are some. */
    private static List<String> lanes(List<FaultWindow> faults) {
        List<String> lanes = new ArrayList<>(PlotPalette.KNOWN_FAULT_KINDS);
        if (faults.stream().anyMatch(fault -> !PlotPalette.isKnownFaultKind(fault.kind()))) {
            lanes.add(OTHER_KINDS_LANE);
        }
        return lanes;
    }

    private static int laneOf(List<String> lanes, String kind) {
        return PlotPalette.isKnownFaultKind(kind) ? lanes.indexOf(kind) : lanes.indexOf(OTHER_KINDS_LANE);
    }
}
