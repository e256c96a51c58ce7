package io.raftkv.torture.run;

import java.nio.file.Path;

/**
 * What a run came to, for the command's exit code and the test's assertion.
 *
 * @param verdict         the checks' combined verdict and text
 * @param reportDirectory where the report is
 * @param operationCount  how many operations the history holds
 * @param faultCount      how many faults the nemesis injected
 */
public record RunResult(RunVerdict verdict, Path reportDirectory, int operationCount, int faultCount) {
}
