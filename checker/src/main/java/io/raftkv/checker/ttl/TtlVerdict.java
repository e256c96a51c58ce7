package io.raftkv.checker.ttl;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link TtlChecker} found.
 *
 * @param valid        no key reappeared and none expired early
 * @param keysChecked  keys whose reads could be judged (keys whose unacknowledged put was never seen are skipped)
 * @param readsChecked reads of those keys
 * @param reappeared   descriptions of keys seen present again after they were seen expired
 * @param earlyExpiry  descriptions of keys seen expired before their TTL, less the clock-skew bound, had passed
 * @param lateExpiry   for information, not a failure: keys still present well after their TTL
 */
public record TtlVerdict(boolean valid, int keysChecked, int readsChecked, List<String> reappeared,
                         List<String> earlyExpiry, List<String> lateExpiry) {

    public TtlVerdict {
        reappeared = List.copyOf(reappeared);
        earlyExpiry = List.copyOf(earlyExpiry);
        lateExpiry = List.copyOf(lateExpiry);
    }

    /** One line with the counts, followed by one line per kind of finding. */
    public String summary() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%s: %d keys and %d reads checked, %d reappeared, %d expired early, %d expired late",
                valid ? "valid" : "INVALID", keysChecked, readsChecked, reappeared.size(), earlyExpiry.size(),
                lateExpiry.size()));
        addIfAny(lines, "reappeared", reappeared);
        addIfAny(lines, "expired early", earlyExpiry);
        addIfAny(lines, "expired late (information only)", lateExpiry);
        return String.join(System.lineSeparator(), lines);
    }

    private static void addIfAny(List<String> lines, String kind, List<String> found) {
        if (!found.isEmpty()) {
            lines.add(String.format("  %s (%d): %s", kind, found.size(), found));
        }
    }
}
