package io.raftkv.checker.append;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Checks the append workload on one key: clients append unique elements to the key's value and read the whole list.
 * Because appends are totally ordered, every value ever read must be a prefix of the final one; acknowledged appends
 * must survive, refused ones must never show, and reads must respect real time.
 *
 * <p>Unlike the linearizability checker this needs no search: each rule is checked directly, and each kind of anomaly
 * is reported on its own with the elements or reads at fault.
 */
public final class AppendChecker {

    /** Descriptions name at most this many elements of one read. */
    private static final int ELEMENTS_LISTED_MAX = 5;

    private AppendChecker() {
    }

    /** Checks the history of one key. */
    public static AppendVerdict check(AppendHistory history) {
        Map<String, AppendAttempt> attempts = new HashMap<>();
        history.attempts().forEach(attempt -> attempts.put(attempt.element(), attempt));
        List<ElementsRead> allReads = new ArrayList<>(history.reads());
        allReads.add(history.finalRead());
        Set<String> finalElements = new HashSet<>(history.finalRead().elements());

        List<String> lost = history.attempts().stream()
                .filter(attempt -> attempt.outcome() == AttemptOutcome.OK)
                .map(AppendAttempt::element)
                .filter(element -> !finalElements.contains(element))
                .toList();
        int unknownPresent = (int) history.attempts().stream()
                .filter(attempt -> attempt.outcome() == AttemptOutcome.UNKNOWN)
                .filter(attempt -> finalElements.contains(attempt.element()))
                .count();
        List<String> phantom = elementsRead(allReads, element -> !attempts.containsKey(element));
        List<String> resurrected = elementsRead(allReads, element -> attempts.containsKey(element)
                && attempts.get(element).outcome() == AttemptOutcome.FAIL);
        List<String> duplicated = duplicates(allReads);
        List<String> notPrefix = history.reads().stream()
                .map(read -> prefixViolation(read, history.finalRead().elements()))
                .flatMap(List::stream)
                .toList();
        List<String> stale = history.reads().stream()
                .map(read -> staleness(read, history.attempts()))
                .flatMap(List::stream)
                .toList();
        List<String> early = allReads.stream()
                .map(read -> earliness(read, attempts))
                .flatMap(List::stream)
                .toList();

        boolean valid = lost.isEmpty() && phantom.isEmpty() && resurrected.isEmpty() && duplicated.isEmpty()
                && notPrefix.isEmpty() && stale.isEmpty() && early.isEmpty();
        return new AppendVerdict(valid, count(history, AttemptOutcome.OK), count(history, AttemptOutcome.UNKNOWN),
                unknownPresent, count(history, AttemptOutcome.FAIL), lost, phantom, resurrected, duplicated, notPrefix,
                stale, early);
    }

    private static int count(AppendHistory history, AttemptOutcome outcome) {
        return (int) history.attempts().stream().filter(attempt -> attempt.outcome() == outcome).count();
    }

    /** The distinct elements, in order of first appearance, of any read that satisfy {@code condition}. */
    private static List<String> elementsRead(List<ElementsRead> reads, Predicate<String> condition) {
        Set<String> found = new LinkedHashSet<>();
        for (ElementsRead read : reads) {
            read.elements().stream().filter(condition).forEach(found::add);
        }
        return List.copyOf(found);
    }

    private static List<String> duplicates(List<ElementsRead> reads) {
        Set<String> found = new LinkedHashSet<>();
        for (ElementsRead read : reads) {
            Set<String> seen = new HashSet<>();
            read.elements().stream().filter(element -> !seen.add(element)).forEach(found::add);
        }
        return List.copyOf(found);
    }

    private static List<String> prefixViolation(ElementsRead read, List<String> finalElements) {
        List<String> elements = read.elements();
        for (int position = 0; position < elements.size(); position++) {
            if (position >= finalElements.size()) {
                return List.of(String.format("%s has %d elements, the final read only %d",
                        read, elements.size(), finalElements.size()));
            }
            if (!elements.get(position).equals(finalElements.get(position))) {
                return List.of(String.format("%s has %s at position %d where the final read has %s",
                        read, elements.get(position), position, finalElements.get(position)));
            }
        }
        return List.of();
    }

    private static List<String> staleness(ElementsRead read, List<AppendAttempt> attempts) {
        Set<String> elements = new HashSet<>(read.elements());
        List<String> missing = attempts.stream()
                .filter(attempt -> attempt.outcome() == AttemptOutcome.OK)
                .filter(attempt -> attempt.completeNanos() < read.invokeNanos())
                .map(AppendAttempt::element)
                .filter(element -> !elements.contains(element))
                .toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        return List.of(String.format("%s misses elements acknowledged before it was invoked (%d): %s",
                read, missing.size(), listed(missing)));
    }

    private static List<String> earliness(ElementsRead read, Map<String, AppendAttempt> attempts) {
        List<String> premature = read.elements().stream()
                .filter(attempts::containsKey)
                .filter(element -> attempts.get(element).invokeNanos() > read.completeNanos())
                .distinct()
                .toList();
        if (premature.isEmpty()) {
            return List.of();
        }
        return List.of(String.format("%s contains elements whose appends were invoked after it completed (%d): %s",
                read, premature.size(), listed(premature)));
    }

    private static String listed(List<String> elements) {
        String shown = elements.stream().limit(ELEMENTS_LISTED_MAX).collect(Collectors.joining(", "));
        return elements.size() > ELEMENTS_LISTED_MAX ? shown + ", ..." : shown;
    }
}
