package io.raftkv.torture.report;

import io.raftkv.torture.fault.FaultWindow;
import io.raftkv.torture.history.RecordedOperation;

import java.util.List;

/**
 * The horizontal axis: time since the start of the run, from 0 to the end of the run, mapped onto pixels.
 *
 * @param endNanos    the time at the right edge
 * @param leftPixel   where time 0 is drawn
 * @param widthPixels how wide the whole run is drawn
 */
record TimeScale(long endNanos, int leftPixel, int widthPixels) {
    /** An empty or very short run still gets an axis a second long rather than a division by zero. */
    private static final long MINIMUM_END_NANOS = 1_000_000_000L;
    private static final double NANOS_PER_SECOND = 1e9;
    /** About this many labelled ticks fit comfortably along the axis. */
    private static final int TARGET_TICK_COUNT = 12;
    /** Tick steps are 1, 2 or 5 times a power of ten, as people expect from a chart. */
    private static final int[] NICE_STEP_MULTIPLIERS = {1, 2, 5, 10};
    private static final double DECIMAL_BASE = 10;
    /** Lets a tick that lands exactly on the end survive floating-point rounding: 3 x 0.1 is above 0.3. */
    private static final double TICK_ROUNDING_TOLERANCE = 1e-9;

    /** Covers the whole run, and anything the history or the faults report after its nominal end. */
    static TimeScale fit(List<RecordedOperation> operations, List<FaultWindow> faults, long runNanos, int leftPixel,
                         int widthPixels) {
        long endNanos = Math.max(runNanos, MINIMUM_END_NANOS);
        for (RecordedOperation operation : operations) {
            endNanos = Math.max(endNanos, operation.invokeNanos());
        }
        for (FaultWindow fault : faults) {
            endNanos = Math.max(endNanos, fault.endNanos());
        }
        return new TimeScale(endNanos, leftPixel, widthPixels);
    }

    /** The x coordinate of a moment; moments outside the run are drawn on its edge. */
    double x(long nanos) {
        long clampedNanos = Math.clamp(nanos, 0, endNanos);
        return leftPixel + widthPixels * ((double) clampedNanos / endNanos);
    }

    double endSeconds() {
        return endNanos / NANOS_PER_SECOND;
    }

    /** The distance between labelled ticks, in seconds: the smallest nice step that gives at most the target count. */
    double tickStepSeconds() {
        double rawStep = endSeconds() / TARGET_TICK_COUNT;
        double powerOfTen = Math.pow(DECIMAL_BASE, Math.floor(Math.log10(rawStep)));
        for (int multiplier : NICE_STEP_MULTIPLIERS) {
            if (multiplier * powerOfTen >= rawStep) {
                return multiplier * powerOfTen;
            }
        }
        throw new IllegalStateException("no tick step for a run of " + endSeconds() + " s");
    }

    /** How many decimals tick labels need so that neighbouring ticks differ: 0 for steps of 1 s or more. */
    int tickDecimals() {
        return Math.max(0, (int) -Math.floor(Math.log10(tickStepSeconds())));
    }

    /** How many labelled ticks fit from 0 to the end, both included when the end falls on a tick. */
    int tickCount() {
        return (int) Math.floor(endSeconds() / tickStepSeconds() + TICK_ROUNDING_TOLERANCE) + 1;
    }

    double tickSeconds(int tick) {
        return tick * tickStepSeconds();
    }

    double tickX(int tick) {
        return x(Math.round(tickSeconds(tick) * NANOS_PER_SECOND));
    }
}
