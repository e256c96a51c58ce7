package io.raftkv.torture.report;

import io.raftkv.torture.history.Outcome;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/**
 * The colours of the report, shared by the plot and the HTML page so that a fault kind looks the same in both. Fault
 * colours avoid the dot colours (blue, orange, red) so that a dot stays readable inside a band.
 */
final class PlotPalette {
    /** The fault kinds the nemeses produce, in the order the legend and the lanes list them. */
    static final List<String> KNOWN_FAULT_KINDS = List.of("kill", "pause", "partition", "loss", "clock");

    static final Color BACKGROUND = Color.WHITE;
    static final Color TEXT = new Color(33, 33, 33);
    static final Color GRID = new Color(225, 225, 225);
    static final Color AXIS = new Color(90, 90, 90);
    static final Color EMPTY_LANE = new Color(244, 244, 244);
    static final Color LEGEND_MARKER = new Color(80, 80, 80);

    /** How opaque a fault band is over the plot: light enough that dots and grid show through. */
    static final int BAND_ALPHA = 56;

    private static final Color OK = new Color(31, 119, 180, 150);
    private static final Color FAIL = new Color(245, 124, 0, 210);
    private static final Color UNKNOWN = new Color(211, 32, 32, 230);

    private static final Color KILL = new Color(128, 64, 190);
    private static final Color PAUSE = new Color(222, 176, 0);
    private static final Color PARTITION = new Color(44, 160, 44);
    private static final Color LOSS = new Color(23, 170, 190);
    private static final Color CLOCK = new Color(227, 119, 194);
    private static final Color OTHER_FAULT = new Color(127, 127, 127);

    private PlotPalette() {
    }

    static Color dotColour(Outcome outcome) {
        return switch (outcome) {
            case OK -> OK;
            case FAIL -> FAIL;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** The solid colour of a fault kind; kinds this palette does not know are grey. */
    static Color faultColour(String kind) {
        if (kind == null) {
            return OTHER_FAULT;
        }
        return switch (kind) {
            case "kill" -> KILL;
            case "pause" -> PAUSE;
            case "partition" -> PARTITION;
            case "loss" -> LOSS;
            case "clock" -> CLOCK;
            default -> OTHER_FAULT;
        };
    }

    static Color bandColour(String kind) {
        Color solid = faultColour(kind);
        return new Color(solid.getRed(), solid.getGreen(), solid.getBlue(), BAND_ALPHA);
    }

    static boolean isKnownFaultKind(String kind) {
        return KNOWN_FAULT_KINDS.contains(kind);
    }

    /** The colour as CSS writes it, without its transparency: {@code #1f77b4}. */
    static String cssColour(Color colour) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", colour.getRed(), colour.getGreen(), colour.getBlue());
    }
}
