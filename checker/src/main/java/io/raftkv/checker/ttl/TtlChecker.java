package io.raftkv.checker.ttl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Checks keys written once each with a TTL, under a bounded clock skew between the harness and the cluster.
 *
 * <ul>
 *   <li><b>Reappeared</b>: once a read invoked after the put took effect saw the key absent, no read invoked after that
 *       one completed may see it present. Expiry is final.</li>
 *   <li><b>Early expiry</b>: a read invoked after the put took effect may see the key absent only if it completed at
 *       or after the put's invocation plus the TTL minus the clock-skew bound. The TTL starts when the cluster applies
 *       the put, which is no earlier than its invocation.</li>
 *   <li><b>Late expiry</b>, for information only: a read invoked more than the TTL, the skew bound and one second after
 *       an acknowledged put completed still saw the key. Expiry is lazy, so this is not a failure.</li>
 * </ul>
 *
 * <p>"The put took effect" is its acknowledgement when it was acknowledged. When its outcome is unknown, it is the
 * completion of the earliest read that saw the key; a key whose unacknowledged put was never seen is skipped.
 */
public final class TtlChecker {

    /** Slack beyond TTL plus skew before a key still present is reported as expiring late. */
    private static final long LATE_EXPIRY_SLACK_MILLIS = 1_000;

    private TtlChecker() {
    }

    /**
     * Checks every key.
     *
     * @param clockSkewBoundMillis how far the cluster's clock may be ahead of the harness's: expiry up to this much
     *                             before the TTL has passed, as the harness measures it, is tolerated
     */
    public static TtlVerdict check(List<TtlKeyHistory> keys, long clockSkewBoundMillis) {
        if (clockSkewBoundMillis < 0) {
            throw new IllegalArgumentException("negative clock-skew bound: " + clockSkewBoundMillis + " ms");
        }
        List<String> reappeared = new ArrayList<>();
        List<String> earlyExpiry = new ArrayList<>();
        List<String> lateExpiry = new ArrayList<>();
        int keysChecked = 0;
        int readsChecked = 0;
        for (TtlKeyHistory key : keys) {
            OptionalLong tookEffectNanos = tookEffectNanos(key);
            if (tookEffectNanos.isEmpty()) {
                continue;
            }
            keysChecked++;
            readsChecked += key.reads().size();
            reappearance(key, tookEffectNanos.getAsLong()).ifPresent(reappeared::add);
            earlyExpiry(key, tookEffectNanos.getAsLong(), clockSkewBoundMillis).ifPresent(earlyExpiry::add);
            lateExpiry(key, clockSkewBoundMillis).ifPresent(lateExpiry::add);
        }
        return new TtlVerdict(reappeared.isEmpty() && earlyExpiry.isEmpty(), keysChecked, readsChecked, reappeared,
                earlyExpiry, lateExpiry);
    }

    /** When the put certainly had taken effect, or empty when that is unknown. */
    private static OptionalLong tookEffectNanos(TtlKeyHistory key) {
        if (key.putAcknowledged()) {
            return OptionalLong.of(key.putCompleteNanos());
        }
        return key.reads().stream()
                .filter(TtlRead::present)
                .mapToLong(TtlRead::completeNanos)
                .min();
    }

    /** The absent reads invoked after the put took effect, earliest completion first. */
    private static List<TtlRead> absencesAfter(TtlKeyHistory key, long tookEffectNanos) {
        return key.reads().stream()
                .filter(read -> !read.present() && read.invokeNanos() > tookEffectNanos)
                .sorted(Comparator.comparingLong(TtlRead::completeNanos))
                .toList();
    }

    private static Optional<String> reappearance(TtlKeyHistory key, long tookEffectNanos) {
        List<TtlRead> absences = absencesAfter(key, tookEffectNanos);
        if (absences.isEmpty()) {
            return Optional.empty();
        }
        // The absence that completed first forbids the most later reads from seeing the key.
        TtlRead absence = absences.getFirst();
        return key.reads().stream()
                .filter(read -> read.present() && read.invokeNanos() > absence.completeNanos())
                .min(Comparator.comparingLong(TtlRead::invokeNanos))
                .map(presence -> String.format("key %s: %s after the put took effect at %d, then %s",
                        key.key(), absence, tookEffectNanos, presence));
    }

    private static Optional<String> earlyExpiry(TtlKeyHistory key, long tookEffectNanos, long clockSkewBoundMillis) {
        long earliestExpiryNanos = key.putInvokeNanos()
                + TimeUnit.MILLISECONDS.toNanos(key.ttlMillis() - clockSkewBoundMillis);
        return absencesAfter(key, tookEffectNanos).stream()
                .filter(read -> read.completeNanos() < earliestExpiryNanos)
                .findFirst()
                .map(read -> String.format(
                        "key %s (TTL %d ms, put invoked at %d): %s, %.1f ms before the earliest allowed expiry at %d",
                        key.key(), key.ttlMillis(), key.putInvokeNanos(), read,
                        (earliestExpiryNanos - read.completeNanos()) / 1e6, earliestExpiryNanos));
    }

    private static Optional<String> lateExpiry(TtlKeyHistory key, long clockSkewBoundMillis) {
        if (!key.putAcknowledged()) {
            return Optional.empty();
        }
        long lateAfterNanos = key.putCompleteNanos()
                + TimeUnit.MILLISECONDS.toNanos(key.ttlMillis() + clockSkewBoundMillis + LATE_EXPIRY_SLACK_MILLIS);
        return key.reads().stream()
                .filter(read -> read.present() && read.invokeNanos() > lateAfterNanos)
                .max(Comparator.comparingLong(TtlRead::invokeNanos))
                .map(read -> String.format("key %s (TTL %d ms, put acknowledged at %d): still present in %s",
                        key.key(), key.ttlMillis(), key.putCompleteNanos(), read));
    }
}
