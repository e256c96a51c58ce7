package io.raftkv.torture.run;

import io.raftkv.torture.fault.FaultKind;
import io.raftkv.torture.fault.FaultTools;
import io.raftkv.torture.history.Outcome;
import io.raftkv.torture.report.HistoryFiles;
import io.raftkv.torture.workload.WorkloadKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short torture run of the test suite: five real servers, every nemesis, every workload, about two and a half
 * minutes in all. Longer runs are the {@code ./raftkv torture} command (docs/correctness.md). The seed is fixed so that
 * the suite is repeatable; {@code -Dtorture.seed=N} runs another schedule.
 */
@Tag("integration")
class ShortTortureRunTest {
    static final long SEED_DEFAULT = 20261122L;
    static final Duration RUN_TIME = Duration.ofSeconds(90);
    /** Far below what a healthy run does in 90 s, far above what a run that mostly timed out would. */
    static final int OK_OPERATIONS_MIN = 500;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void historyUnderEveryNemesisIsLinearizableAndLosesNothing() throws Exception {
        long seed = Long.getLong("torture.seed", SEED_DEFAULT);
        TortureOptions options = new TortureOptions(5, RUN_TIME, List.of(FaultKind.values()),
                List.of(WorkloadKind.values()), seed, 8, 1_500, 500, Duration.ofSeconds(60),
                directory.resolve("report"));
        List<String> missing = Requirements.missing(options);
        if (!missing.isEmpty()) {
            String message = "SKIPPED the torture run: this machine lacks " + missing
                    + " (as root: apt-get install iptables faketime gcc)";
            System.out.println(message);
            System.err.println(message);
        }
        FaultTools.require(missing.isEmpty() ? Optional.empty()
                : Optional.of("the torture run needs " + missing));
        System.out.println("torture seed " + seed + "; report in " + options.reportDirectory());

        RunResult result = TortureRun.run(options, System.out);

        assertThat(result.verdict().word()).as(result.verdict().text()).isEqualTo(RunVerdict.Word.VALID);
        long okOperations = HistoryFiles.readOperations(result.reportDirectory().resolve(RunReport.HISTORY_FILE))
                .stream().filter(operation -> operation.outcome() == Outcome.OK).count();
        assertThat(okOperations).isGreaterThan(OK_OPERATIONS_MIN);
        assertThat(result.faultCount()).isGreaterThanOrEqualTo(FaultKind.values().length);
        assertThat(result.reportDirectory().resolve(RunReport.PLOT_FILE)).isNotEmptyFile();
        assertThat(result.reportDirectory().resolve(RunReport.INDEX_FILE)).isNotEmptyFile();
    }
}
