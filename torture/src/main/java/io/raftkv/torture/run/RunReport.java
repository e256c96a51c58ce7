package io.raftkv.torture.run;

import io.raftkv.torture.fault.FaultKind;
import io.raftkv.torture.fault.FaultWindow;
import io.raftkv.torture.history.RecordedOperation;
import io.raftkv.torture.report.HistoryFiles;
import io.raftkv.torture.report.LatencyPlot;
import io.raftkv.torture.report.ReportLayout;
import io.raftkv.torture.report.ReportIndex;
import io.raftkv.torture.workload.WorkloadKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The report folder of a run: history, fault timeline, verdict, latency plot, an index page, and the node logs. */
final class RunReport {
    static final String INDEX_FILE = ReportLayout.INDEX_FILE_NAME;
    static final String HISTORY_FILE = ReportLayout.HISTORY_FILE_NAME;
    static final String FAULTS_FILE = ReportLayout.FAULTS_FILE_NAME;
    static final String VERDICT_FILE = ReportLayout.VERDICT_FILE_NAME;
    static final String PLOT_FILE = ReportLayout.PLOT_FILE_NAME;
    /** Holds one directory per node: its server.log, and its data while the run is not valid. */
    static final String NODES_DIRECTORY = ReportLayout.NODE_LOGS_FOLDER_NAME;

    private RunReport() {
    }

    static void write(TortureOptions options, List<RecordedOperation> history,
                      List<FaultWindow> faults, long runNanos, RunResult result) throws IOException {
        Path directory = options.reportDirectory();
        HistoryFiles.writeOperations(directory.resolve(HISTORY_FILE), history);
        HistoryFiles.writeFaults(directory.resolve(FAULTS_FILE), faults);
        Files.writeString(directory.resolve(VERDICT_FILE),
                result.verdict().word() + "\n\n" + result.verdict().text(), StandardCharsets.UTF_8);
        String title = String.format(Locale.ROOT, "raftkv torture, seed %d: %s", options.seed(),
                result.verdict().word());
        LatencyPlot.writePng(history, faults, runNanos, directory.resolve(PLOT_FILE), title);
        ReportIndex.writeHtml(directory.resolve(INDEX_FILE), title, result.verdict().word().name(),
                result.verdict().text(), facts(options, result), PLOT_FILE, faults);
        if (result.verdict().word() == RunVerdict.Word.VALID) {
            deleteNodeData(directory.resolve(NODES_DIRECTORY));
        }
    }

    private static Map<String, String> facts(TortureOptions options, RunResult result) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("seed", Long.toString(options.seed()));
        facts.put("nodes", Integer.toString(options.nodeCount()));
        facts.put("time", options.duration().toString());
        facts.put("nemesis", options.faults().stream().map(FaultKind::optionName)
                .collect(Collectors.joining(",")));
        facts.put("workloads", options.workloads().stream().map(WorkloadKind::optionName)
                .collect(Collectors.joining(",")));
        facts.put("clients", Integer.toString(options.clientCount()));
        facts.put("clock skew bound", options.clockSkewBoundMillis() + " ms");
        facts.put("operations", Integer.toString(result.operationCount()));
        facts.put("faults", Integer.toString(result.faultCount()));
        facts.put("rerun with", TortureCommandLine.of(options));
        return facts;
    }

    /**
     * A valid run's node data is of no further use and can be large; the logs stay. An invalid run keeps everything
     * for the post-mortem.
     */
    private static void deleteNodeData(Path nodesDirectory) throws IOException {
        if (!Files.isDirectory(nodesDirectory)) {
            return;
        }
        try (Stream<Path> nodes = Files.list(nodesDirectory)) {
            for (Path node : nodes.toList()) {
                deleteTree(node.resolve("data"));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
