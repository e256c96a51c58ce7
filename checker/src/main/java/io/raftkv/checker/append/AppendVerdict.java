package io.raftkv.checker.append;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link AppendChecker} found on one key. Each list names one kind of anomaly; the history is valid when all are
 * empty.
 *
 * @param okCount             acknowledged appends
 * @param unknownCount        appends with unknown outcomes
 * @param unknownPresentCount appends with unknown outcomes whose element is in the final read
 * @param failCount           appends refused for sure
 * @param lost                acknowledged elements missing from the final read
 * @param phantom             elements some read returned that nobody attempted to append
 * @param resurrected         elements of refused appends that some read returned
 * @param duplicated          elements some read returned twice
 * @param notPrefix           descriptions of reads that are not a prefix of the final read
 * @param stale               descriptions of reads missing an element acknowledged before they were invoked
 * @param early               descriptions of reads containing an element appended only after they completed
 */
public record AppendVerdict(boolean valid, int okCount, int unknownCount, int unknownPresentCount, int failCount,
                            List<String> lost, List<String> phantom, List<String> resurrected,
                            List<String> duplicated, List<String> notPrefix, List<String> stale,
                            List<String> early) {

    public AppendVerdict {
        lost = List.copyOf(lost);
        phantom = List.copyOf(phantom);
        resurrected = List.copyOf(resurrected);
        duplicated = List.copyOf(duplicated);
        notPrefix = List.copyOf(notPrefix);
        stale = List.copyOf(stale);
        early = List.copyOf(early);
    }

    /** One line with the counts, followed by one line per kind of anomaly found. */
    public String summary() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%s: %d acknowledged, %d unknown (%d present at the end), %d refused appends",
                valid ? "valid" : "INVALID", okCount, unknownCount, unknownPresentCount, failCount));
        addIfAny(lines, "lost", lost);
        addIfAny(lines, "phantom", phantom);
        addIfAny(lines, "resurrected", resurrected);
        addIfAny(lines, "duplicated", duplicated);
        addIfAny(lines, "not a prefix of the final read", notPrefix);
        addIfAny(lines, "stale", stale);
        addIfAny(lines, "early", early);
        return String.join(System.lineSeparator(), lines);
    }

    private static void addIfAny(List<String> lines, String kind, List<String> found) {
        if (!found.isEmpty()) {
            lines.add(String.format("  %s (%d): %s", kind, found.size(), found));
        }
    }
}
