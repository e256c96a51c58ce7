package io.raftkv.torture.report;

/**
 * The names of the files in a run's report folder, which the harness writes and the index page links to. They are
 * relative to the folder, so that the folder can be moved or archived as a whole.
 */
public final class ReportLayout {
    public static final String INDEX_FILE_NAME = "index.html";
    public static final String HISTORY_FILE_NAME = "history.jsonl";
    public static final String FAULTS_FILE_NAME = "faults.jsonl";
    public static final String VERDICT_FILE_NAME = "verdict.txt";
    public static final String PLOT_FILE_NAME = "latency.png";
    /** The folder with one log file (or folder) per node. */
    public static final String NODE_LOGS_FOLDER_NAME = "nodes";

    private ReportLayout() {
    }
}
