package io.raftkv.torture.report;

import io.raftkv.torture.history.RecordedOperation;

import java.util.List;

/**
 * The vertical axis: an operation's latency in milliseconds on a log scale, from one power of ten to another, so that
 * a 2 ms read and a 5 s give-up both stay readable.
 *
 * @param lowestDecade  the power of ten of milliseconds at the bottom edge: 0 is 1 ms
 * @param highestDecade the power of ten of milliseconds at the top edge: 4 is 10000 ms
 * @param topPixel      where the highest latency is drawn
 * @param heightPixels  how tall the whole range is drawn
 */
record LatencyScale(int lowestDecade, int highestDecade, int topPixel, int heightPixels) {
    /** 0.01 ms: anything faster is drawn on the bottom edge rather than stretching the axis. */
    private static final int LOWEST_POSSIBLE_DECADE = -2;
    /** 1000 s: anything slower is drawn on the top edge. */
    private static final int HIGHEST_POSSIBLE_DECADE = 6;
    /** The axis always shows at least 1 ms to 1000 ms, so that runs can be compared by eye. */
    private static final int DEFAULT_LOWEST_DECADE = 0;
    private static final int DEFAULT_HIGHEST_DECADE = 3;
    private static final double NANOS_PER_MILLI = 1e6;
    private static final double DECIMAL_BASE = 10;

    static LatencyScale fit(List<RecordedOperation> operations, int topPixel, int heightPixels) {
        int lowestDecade = DEFAULT_LOWEST_DECADE;
        int highestDecade = DEFAULT_HIGHEST_DECADE;
        for (RecordedOperation operation : operations) {
            double log = Math.log10(operation.latencyNanos() / NANOS_PER_MILLI);
            lowestDecade = Math.min(lowestDecade, (int) Math.max(LOWEST_POSSIBLE_DECADE, Math.floor(log)));
            highestDecade = Math.max(highestDecade, (int) Math.min(HIGHEST_POSSIBLE_DECADE, Math.ceil(log)));
        }
        return new LatencyScale(lowestDecade, highestDecade, topPixel, heightPixels);
    }

    /** The y coordinate of a latency; latencies outside the axis are drawn on its edge. */
    double y(long latencyNanos) {
        return yForLog(Math.log10(latencyNanos / NANOS_PER_MILLI));
    }

    /** The y coordinate of a latency given in milliseconds, for ticks. */
    double yForMillis(double latencyMillis) {
        return yForLog(Math.log10(latencyMillis));
    }

    static double millisOfDecade(int decade) {
        return Math.pow(DECIMAL_BASE, decade);
    }

    private double yForLog(double log) {
        double clampedLog = Math.clamp(log, lowestDecade, highestDecade);
        return topPixel + heightPixels * (highestDecade - clampedLog) / (highestDecade - lowestDecade);
    }
}
