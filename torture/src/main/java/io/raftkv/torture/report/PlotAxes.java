package io.raftkv.torture.report;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.math.BigDecimal;
import java.util.Locale;

/** The grid, the ticks with their labels, the axis titles and the border of the plot area. */
final class PlotAxes {
    private static final int MAJOR_TICK_LENGTH_PIXELS = 6;
    private static final int MINOR_TICK_LENGTH_PIXELS = 3;
    private static final int TICK_LABEL_GAP_PIXELS = 5;
    private static final int TIME_LABEL_BASELINE_OFFSET_PIXELS = 24;
    private static final int TIME_TITLE_BASELINE_OFFSET_PIXELS = 52;
    private static final int LATENCY_TITLE_X_PIXELS = 28;
    private static final int FIRST_MINOR_MULTIPLE = 2;
    private static final int LAST_MINOR_MULTIPLE = 9;
    private static final BasicStroke HAIRLINE = new BasicStroke(1f);
    private static final String TIME_TITLE = "time since start (s)";
    private static final String LATENCY_TITLE = "latency (ms, log scale)";

    private PlotAxes() {
    }

    /** Draws the grid behind the dots. */
    static void drawGrid(Graphics2D graphics, PlotFrame frame) {
        graphics.setColor(PlotPalette.GRID);
        graphics.setStroke(HAIRLINE);
        LatencyScale latency = frame.latency();
        for (int decade = latency.lowestDecade(); decade <= latency.highestDecade(); decade++) {
            double y = latency.yForMillis(LatencyScale.millisOfDecade(decade));
            graphics.draw(new Line2D.Double(frame.left(), y, frame.right(), y));
        }
        TimeScale time = frame.time();
        for (int tick = 0; tick < time.tickCount(); tick++) {
            double x = time.tickX(tick);
            graphics.draw(new Line2D.Double(x, frame.top(), x, frame.bottom()));
        }
    }

    /** Draws the border, ticks and labels over everything inside the plot area. */
    static void drawAxes(Graphics2D graphics, PlotFrame frame) {
        graphics.setColor(PlotPalette.AXIS);
        graphics.setStroke(HAIRLINE);
        graphics.draw(frame.plotArea());
        drawLatencyTicks(graphics, frame);
        drawTimeTicks(graphics, frame);
        drawTitles(graphics, frame);
    }

    private static void drawLatencyTicks(Graphics2D graphics, PlotFrame frame) {
        LatencyScale latency = frame.latency();
        graphics.setFont(PlotText.TICK);
        for (int decade = latency.lowestDecade(); decade <= latency.highestDecade(); decade++) {
            double decadeMillis = LatencyScale.millisOfDecade(decade);
            double y = latency.yForMillis(decadeMillis);
            graphics.draw(new Line2D.Double(frame.left() - MAJOR_TICK_LENGTH_PIXELS, y, frame.left(), y));
            PlotText.rightAligned(graphics, decadeLabel(decade),
                    frame.left() - MAJOR_TICK_LENGTH_PIXELS - TICK_LABEL_GAP_PIXELS, y);
            if (decade < latency.highestDecade()) {
                drawMinorLatencyTicks(graphics, frame, decadeMillis);
            }
        }
    }

    /** Short ticks at 2, 3, ... 9 times the decade, so that a person can read values between the decades. */
    private static void drawMinorLatencyTicks(Graphics2D graphics, PlotFrame frame, double decadeMillis) {
        for (int multiple = FIRST_MINOR_MULTIPLE; multiple <= LAST_MINOR_MULTIPLE; multiple++) {
            double y = frame.latency().yForMillis(multiple * decadeMillis);
            graphics.draw(new Line2D.Double(frame.left() - MINOR_TICK_LENGTH_PIXELS, y, frame.left(), y));
        }
    }

    private static void drawTimeTicks(Graphics2D graphics, PlotFrame frame) {
        TimeScale time = frame.time();
        graphics.setFont(PlotText.TICK);
        String labelFormat = "%." + time.tickDecimals() + "f";
        for (int tick = 0; tick < time.tickCount(); tick++) {
            double x = time.tickX(tick);
            graphics.draw(new Line2D.Double(x, frame.bottom(), x, frame.bottom() + MAJOR_TICK_LENGTH_PIXELS));
            PlotText.centred(graphics, String.format(Locale.ROOT, labelFormat, time.tickSeconds(tick)), x,
                    frame.bottom() + TIME_LABEL_BASELINE_OFFSET_PIXELS);
        }
    }

    private static void drawTitles(Graphics2D graphics, PlotFrame frame) {
        graphics.setColor(PlotPalette.TEXT);
        graphics.setFont(PlotText.AXIS_TITLE);
        PlotText.centred(graphics, TIME_TITLE, frame.plotArea().getCenterX(),
                frame.bottom() + TIME_TITLE_BASELINE_OFFSET_PIXELS);
        AffineTransform unrotated = graphics.getTransform();
        graphics.rotate(-Math.PI / 2, LATENCY_TITLE_X_PIXELS, frame.plotArea().getCenterY());
        PlotText.centred(graphics, LATENCY_TITLE, LATENCY_TITLE_X_PIXELS, frame.plotArea().getCenterY());
        graphics.setTransform(unrotated);
    }

    /** 10 to the power of the decade, in plain digits: {@code 0.01}, {@code 1}, {@code 10000}. */
    private static String decadeLabel(int decade) {
        return BigDecimal.ONE.scaleByPowerOfTen(decade).toPlainString();
    }
}
