package io.raftkv.torture.report;

import io.raftkv.torture.fault.FaultWindow;

import java.util.List;

/** The fault timeline as an HTML table, one row per fault in the order given, with the plot's colour per kind. */
final class FaultTimelineTable {
    private FaultTimelineTable() {
    }

    static String html(List<FaultWindow> faults) {
        if (faults.isEmpty()) {
            return "<p>No faults were injected.</p>\n";
        }
        StringBuilder html = new StringBuilder("<table class=\"faults\">\n<tr><th>#</th><th>kind</th>"
                + "<th>what</th><th>start (s)</th><th>end (s)</th><th>duration (s)</th></tr>\n");
        for (int number = 1; number <= faults.size(); number++) {
            html.append(row(number, faults.get(number - 1)));
        }
        return html.append("</table>\n").toString();
    }

    private static String row(int number, FaultWindow fault) {
        String kind = fault.kind() == null ? "" : fault.kind();
        String swatch = "<span class=\"swatch\" style=\"background:"
                + PlotPalette.cssColour(PlotPalette.faultColour(fault.kind())) + "\"></span>";
        return "<tr><td class=\"number\">" + number + "</td>"
                + "<td>" + swatch + HtmlText.escape(kind) + "</td>"
                + "<td>" + HtmlText.escape(fault.description() == null ? "" : fault.description()) + "</td>"
                + "<td class=\"number\">" + HtmlText.seconds(fault.startNanos()) + "</td>"
                + "<td class=\"number\">" + HtmlText.seconds(fault.endNanos()) + "</td>"
                + "<td class=\"number\">" + HtmlText.seconds(fault.endNanos() - fault.startNanos()) + "</td></tr>\n";
    }
}
