package io.raftkv.torture.report;

import io.raftkv.torture.fault.FaultWindow;
import io.raftkv.torture.history.Outcome;
import io.raftkv.torture.history.RecordedOperation;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The legend right of the plot: what the dot colours, the marker shapes and the band colours mean, with counts. */
final class PlotLegend {
    private static final int LEFT_GAP_PIXELS = 24;
    private static final int ROW_HEIGHT_PIXELS = 22;
    private static final int SECTION_GAP_PIXELS = 14;
    private static final int SYMBOL_SIZE_PIXELS = 11;
    private static final int SWATCH_WIDTH_PIXELS = 22;
    private static final int LABEL_OFFSET_PIXELS = 30;
    private static final String OTHER_FAULT_KINDS = "other";

    private final Graphics2D graphics;
    private final double left;
    private double rowMiddle;

    private PlotLegend(Graphics2D graphics, double left, double top) {
        this.graphics = graphics;
        this.left = left;
        this.rowMiddle = top + ROW_HEIGHT_PIXELS / 2.0;
    }

    static void draw(Graphics2D graphics, PlotFrame frame, List<RecordedOperation> operations,
                     List<FaultWindow> faults) {
        PlotLegend legend = new PlotLegend(graphics, frame.right() + LEFT_GAP_PIXELS, frame.top());
        legend.outcomes(operations);
        legend.markers(operations);
        legend.faultKinds(faults);
    }

    private void outcomes(List<RecordedOperation> operations) {
        heading("Outcome (dot colour)");
        for (Outcome outcome : Outcome.values()) {
            long count = operations.stream().filter(operation -> operation.outcome() == outcome).count();
            graphics.setColor(PlotPalette.dotColour(outcome));
            graphics.fill(MarkerShape.CIRCLE.centredAt(symbolCentreX(), rowMiddle, SYMBOL_SIZE_PIXELS));
            entry(OperationLineFormat.outcomeWord(outcome) + " (" + count + ")");
        }
        rowMiddle += SECTION_GAP_PIXELS;
    }

    /** Only the markers the run used, so that the legend does not promise functions that did not run. */
    private void markers(List<RecordedOperation> operations) {
        heading("Function (marker)");
        Set<MarkerShape> used = EnumSet.noneOf(MarkerShape.class);
        operations.forEach(operation -> used.add(MarkerShape.forFunction(operation.function())));
        if (used.isEmpty()) {
            entry("none");
        }
        for (MarkerShape shape : used) {
            graphics.setColor(PlotPalette.LEGEND_MARKER);
            graphics.fill(shape.centredAt(symbolCentreX(), rowMiddle, SYMBOL_SIZE_PIXELS));
            entry(shape.functions());
        }
        rowMiddle += SECTION_GAP_PIXELS;
    }

    private void faultKinds(List<FaultWindow> faults) {
        heading("Fault (shaded band)");
        for (String kind : PlotPalette.KNOWN_FAULT_KINDS) {
            long count = faults.stream().filter(fault -> kind.equals(fault.kind())).count();
            faultEntry(PlotPalette.faultColour(kind), PlotPalette.bandColour(kind), kind + " (" + count + ")");
        }
        long otherCount = faults.stream().filter(fault -> !PlotPalette.isKnownFaultKind(fault.kind())).count();
        if (otherCount > 0) {
            faultEntry(PlotPalette.faultColour(null), PlotPalette.bandColour(null),
                    OTHER_FAULT_KINDS + " (" + otherCount + ")");
        }
    }

    private void faultEntry(Color solid, Color band, String label) {
        Rectangle2D swatch = new Rectangle2D.Double(left, rowMiddle - SYMBOL_SIZE_PIXELS / 2.0, SWATCH_WIDTH_PIXELS,
                SYMBOL_SIZE_PIXELS);
        graphics.setColor(band);
        graphics.fill(swatch);
        graphics.setColor(solid);
        graphics.draw(swatch);
        entry(label);
    }

    private void heading(String text) {
        graphics.setColor(PlotPalette.TEXT);
        graphics.setFont(PlotText.LEGEND_HEADING);
        PlotText.leftAligned(graphics, text, left, rowMiddle);
        rowMiddle += ROW_HEIGHT_PIXELS;
    }

    /** Writes the label of the row whose symbol was just drawn, and moves to the next row. */
    private void entry(String label) {
        graphics.setColor(PlotPalette.TEXT);
        graphics.setFont(PlotText.LEGEND_ENTRY);
        PlotText.leftAligned(graphics, label, left + LABEL_OFFSET_PIXELS, rowMiddle);
        rowMiddle += ROW_HEIGHT_PIXELS;
    }

    private double symbolCentreX() {
        return left + SWATCH_WIDTH_PIXELS / 2.0;
    }
}
