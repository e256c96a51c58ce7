package io.raftkv.cli.failover;

import io.raftkv.core.Invariants;

import java.util.List;

/**
 * Median, 90th percentile (nearest rank), minimum and maximum of one store's kill-to-acknowledgement times.
 *
 * @param store the store's name
 */
public record FailoverSummary(String store, int trials, double medianMillis, double p90Millis, double minMillis,
                              double maxMillis) {

    public static FailoverSummary of(String store, List<Double> millis) {
        Invariants.check(!millis.isEmpty(), "no trials to summarize for %s", store);
        List<Double> sorted = millis.stream().sorted().toList();
        int count = sorted.size();
        double median = count % 2 == 1 ? sorted.get(count / 2)
                : (sorted.get(count / 2 - 1) + sorted.get(count / 2)) / 2;
        int p90Rank = (int) Math.ceil(0.9 * count);
        return new FailoverSummary(store, count, median, sorted.get(p90Rank - 1), sorted.getFirst(),
                sorted.getLast());
    }
}
