package io.raftkv.torture.report;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;

/** The fonts of the plot and how text is placed against a point. */
final class PlotText {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LEGEND_HEADING = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font LEGEND_ENTRY = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LANE_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font NOTICE = new Font(Font.SANS_SERIF, Font.ITALIC, 18);

    private PlotText() {
    }

    /** Draws text whose middle is at {@code x}, with its baseline at {@code baselineY}. */
    static void centred(Graphics2D graphics, String text, double x, double baselineY) {
        FontMetrics metrics = graphics.getFontMetrics();
        graphics.drawString(text, (float) (x - metrics.stringWidth(text) / 2.0), (float) baselineY);
    }

    /** Draws text that ends at {@code x} and is vertically centred on {@code middleY}. */
    static void rightAligned(Graphics2D graphics, String text, double x, double middleY) {
        FontMetrics metrics = graphics.getFontMetrics();
        graphics.drawString(text, (float) (x - metrics.stringWidth(text)), (float) baselineFor(metrics, middleY));
    }

    /** Draws text that starts at {@code x} and is vertically centred on {@code middleY}. */
    static void leftAligned(Graphics2D graphics, String text, double x, double middleY) {
        graphics.drawString(text, (float) x, (float) baselineFor(graphics.getFontMetrics(), middleY));
    }

    private static double baselineFor(FontMetrics metrics, double middleY) {
        return middleY + (metrics.getAscent() - metrics.getDescent()) / 2.0;
    }
}
