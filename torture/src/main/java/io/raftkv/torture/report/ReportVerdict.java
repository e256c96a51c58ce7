package io.raftkv.torture.report;

import io.raftkv.core.Invariants;

import java.util.Arrays;
import java.util.Optional;

/** The word on the report's banner: what the checker concluded about the history. */
enum ReportVerdict {
    /** The checker found the history consistent with the model. */
    VALID,
    /** The checker found an anomaly; the verdict text says which. */
    INVALID,
    /** The checker could not decide, for example because the search ran out of time or memory. */
    UNKNOWN;

    /** The verdict a banner word names; the words are the constants' names, as the run's verdict spells them. */
    static ReportVerdict ofWord(String word) {
        Optional<ReportVerdict> named = Arrays.stream(values()).filter(verdict -> verdict.name().equals(word)).findFirst();
        Invariants.check(named.isPresent(), "the verdict word must be VALID, INVALID or UNKNOWN, not %s", word);
        return named.orElseThrow();
    }

    /** One sentence under the banner word, for a person who does not know the checker's vocabulary. */
    String explanation() {
        return switch (this) {
            case VALID -> "The checker found the history consistent.";
            case INVALID -> "The checker found an anomaly in the history.";
            case UNKNOWN -> "The checker could not decide whether the history is consistent.";
        };
    }
}
