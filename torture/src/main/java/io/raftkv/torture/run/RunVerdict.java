package io.raftkv.torture.run;

/**
 * The outcome of a whole run.
 *
 * @param word {@code VALID}, {@code INVALID} or {@code UNKNOWN} (a check ran out of time)
 * @param text what each check found, for verdict.txt and the console
 */
public record RunVerdict(Word word, String text) {
    public enum Word {
        VALID,
        INVALID,
        UNKNOWN;

        /** The worse of two: any invalid check makes the run invalid; else any unknown one makes it unknown. */
        Word and(Word other) {
            return values()[Math.max(ordinal(), other.ordinal())];
        }
    }
}
