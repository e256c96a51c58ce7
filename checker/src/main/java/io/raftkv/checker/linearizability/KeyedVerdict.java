package io.raftkv.checker.linearizability;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The linearizability verdict of every key of a history that was checked key by key.
 *
 * @param byKey one verdict per key, sorted by key
 */
public record KeyedVerdict<I, O>(Map<String, Verdict<I, O>> byKey) {

    public KeyedVerdict {
        byKey = Collections.unmodifiableSortedMap(new TreeMap<>(byKey));
    }

    /** Every key is linearizable: no violation and nothing left undecided. */
    public boolean valid() {
        return byKey.values().stream().allMatch(verdict -> verdict instanceof Verdict.Linearizable<I, O>);
    }

    /** At least one key is certainly not linearizable. */
    public boolean anyViolation() {
        return !violatingKeys().isEmpty();
    }

    /** The keys that are certainly not linearizable, sorted. */
    public List<String> violatingKeys() {
        return keysWhere(Verdict.NotLinearizable.class);
    }

    /** The keys the checker could not decide, sorted. */
    public List<String> unknownKeys() {
        return keysWhere(Verdict.Unknown.class);
    }

    /** One line: how many keys were checked and which ones failed or were undecided. */
    public String summary() {
        List<String> violating = violatingKeys();
        List<String> unknown = unknownKeys();
        int linearizable = byKey.size() - violating.size() - unknown.size();
        return String.format("%d keys: %d linearizable, %d not linearizable %s, %d unknown %s",
                byKey.size(), linearizable, violating.size(), violating, unknown.size(), unknown);
    }

    private List<String> keysWhere(Class<?> verdictType) {
        return byKey.entrySet().stream()
                .filter(entry -> verdictType.isInstance(entry.getValue()))
                .map(Map.Entry::getKey)
                .toList();
    }
}
