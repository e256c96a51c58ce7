package io.raftkv.checker.append;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the append workload recorded about one key.
 *
 * @param attempts  every append attempt; each element is attempted at most once
 * @param reads     the successful reads taken while the workload and the faults ran
 * @param finalRead the read taken after every fault healed and every client stopped
 */
public record AppendHistory(List<AppendAttempt> attempts, List<ElementsRead> reads, ElementsRead finalRead) {

    public AppendHistory {
        attempts = List.copyOf(attempts);
        reads = List.copyOf(reads);
        Objects.requireNonNull(finalRead, "finalRead");
        Set<String> elements = new HashSet<>();
        for (AppendAttempt attempt : attempts) {
            if (!elements.add(attempt.element())) {
                throw new IllegalArgumentException("the element " + attempt.element() + " was attempted twice");
            }
        }
    }
}
