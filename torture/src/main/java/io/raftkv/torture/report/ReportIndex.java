package io.raftkv.torture.report;

import io.raftkv.core.Invariants;
import io.raftkv.torture.fault.FaultWindow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The front page of a run's report folder: a small self-contained HTML page (no scripts, no external style sheets)
 * with the verdict as a big banner, the facts of the run, the latency plot, the fault timeline, the checker's full
 * verdict text and links to the raw files. Everything that comes from the run is HTML-escaped.
 */
public final class ReportIndex {
    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em; color: #212121; max-width: 1650px; }
            .verdict { font-size: 2.5em; font-weight: bold; color: white; padding: 0.4em 0.6em; border-radius: 6px; }
            .verdict span { display: block; font-size: 0.4em; font-weight: normal; }
            .valid { background: #2e7d32; }
            .invalid { background: #c62828; }
            .unknown { background: #ef8f00; }
            table { border-collapse: collapse; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            .swatch { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.4em; }
            img { max-width: 100%; border: 1px solid #ccc; }
            pre { background: #f6f6f6; padding: 1em; overflow-x: auto; white-space: pre-wrap; }
            """;

    private ReportIndex() {
    }

    /**
     * Writes the page, replacing the file.
     *
     * @param verdictWord   {@code VALID}, {@code INVALID} or {@code UNKNOWN}, shown as the banner
     * @param verdictText   the checker's full explanation, shown as preformatted text
     * @param facts         what a person needs to know or reproduce the run (seed, nodes, nemeses, workloads,
     *                      operations, duration, command line), shown in the map's iteration order
     * @param plotFileName  the latency plot, relative to the page, normally {@link ReportLayout#PLOT_FILE_NAME}
     * @param faults        the fault timeline, in the order to list it
     */
    public static void writeHtml(Path file, String title, String verdictWord, String verdictText,
                                 Map<String, String> facts, String plotFileName, List<FaultWindow> faults)
            throws IOException {
        Files.writeString(file, html(title, ReportVerdict.ofWord(verdictWord), verdictText, facts, plotFileName,
                faults), StandardCharsets.UTF_8);
    }

    static String html(String title, ReportVerdict verdict, String verdictText, Map<String, String> facts,
                       String plotFileName, List<FaultWindow> faults) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>" + HtmlText.escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
                + "<h1>" + HtmlText.escape(title) + "</h1>\n"
                + banner(verdict)
                + "<h2>Run</h2>\n" + factsTable(facts)
                + "<h2>Latency</h2>\n" + plot(plotFileName)
                + "<h2>Faults</h2>\n" + FaultTimelineTable.html(faults)
                + "<h2>Verdict</h2>\n<pre>" + HtmlText.escape(verdictText) + "</pre>\n"
                + "<h2>Files</h2>\n" + fileLinks()
                + "</body>\n</html>\n";
    }

    private static String banner(ReportVerdict verdict) {
        return "<div class=\"verdict " + verdict.name().toLowerCase(Locale.ROOT) + "\">" + verdict.name()
                + "<span>" + HtmlText.escape(verdict.explanation()) + "</span></div>\n";
    }

    private static String factsTable(Map<String, String> facts) {
        StringBuilder html = new StringBuilder("<table class=\"facts\">\n");
        facts.forEach((name, value) -> {
            Invariants.check(value != null, "the fact \"%s\" has no value", name);
            html.append("<tr><th>").append(HtmlText.escape(name)).append("</th><td>")
                    .append(HtmlText.escape(value)).append("</td></tr>\n");
        });
        return html.append("</table>\n").toString();
    }

    private static String plot(String plotFileName) {
        String source = HtmlText.escape(plotFileName);
        return "<p><a href=\"" + source + "\"><img src=\"" + source + "\" alt=\"Latency of every operation over "
                + "time, with the fault windows shaded\"></a></p>\n";
    }

    private static String fileLinks() {
        return "<ul>\n"
                + link(ReportLayout.HISTORY_FILE_NAME, "every operation, one JSON object a line")
                + link(ReportLayout.FAULTS_FILE_NAME, "every fault window, one JSON object a line")
                + link(ReportLayout.VERDICT_FILE_NAME, "the checker's verdict as plain text")
                + link(ReportLayout.NODE_LOGS_FOLDER_NAME + "/", "the log of every node")
                + "</ul>\n";
    }

    private static String link(String target, String description) {
        String escapedTarget = HtmlText.escape(target);
        return "<li><a href=\"" + escapedTarget + "\">" + escapedTarget + "</a>: " + HtmlText.escape(description)
                + "</li>\n";
    }
}
