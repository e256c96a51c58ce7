package io.raftkv.torture.report;

import io.raftkv.torture.history.Outcome;
import io.raftkv.torture.history.RecordedOperation;

import java.awt.Graphics2D;
import java.util.List;

/**
 * One dot per operation at its invocation time and its latency, coloured by outcome and shaped by function. An
 * unknown operation's latency is how long its client waited before giving up.
 */
final class OperationDots {
    static final double MARKER_SIZE_PIXELS = 6;
    private static final String NO_OPERATIONS_NOTICE = "no operations were recorded";

    /** Rare and alarming outcomes are drawn last, so that thousands of ok dots cannot hide them. */
    private static final List<Outcome> DRAWING_ORDER = List.of(Outcome.OK, Outcome.FAIL, Outcome.UNKNOWN);

    private OperationDots() {
    }

    static void draw(Graphics2D graphics, PlotFrame frame, List<RecordedOperation> operations) {
        if (operations.isEmpty()) {
            drawNoOperationsNotice(graphics, frame);
            return;
        }
        for (Outcome outcome : DRAWING_ORDER) {
            graphics.setColor(PlotPalette.dotColour(outcome));
            for (RecordedOperation operation : operations) {
                if (operation.outcome() == outcome) {
                    graphics.fill(MarkerShape.forFunction(operation.function()).centredAt(
                            frame.time().x(operation.invokeNanos()), frame.latency().y(operation.latencyNanos()),
                            MARKER_SIZE_PIXELS));
                }
            }
        }
    }

    private static void drawNoOperationsNotice(Graphics2D graphics, PlotFrame frame) {
        graphics.setColor(PlotPalette.AXIS);
        graphics.setFont(PlotText.NOTICE);
        PlotText.centred(graphics, NO_OPERATIONS_NOTICE, frame.plotArea().getCenterX(), frame.plotArea().getCenterY());
    }
}
