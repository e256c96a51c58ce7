package io.raftkv.cli;

/**
 * How one benchmark operation ended. A failure is a value, not an exception: a benchmark counts failures by their
 * text and goes on, so one refused request never stops a run.
 */
sealed interface BenchReply {
    /** The one success value; it carries nothing, so every success can share it. */
    Succeeded SUCCEEDED = new Succeeded();

    /** The target did what was asked: the value was stored, or the read found the key. */
    record Succeeded() implements BenchReply {
    }

    /**
     * The operation failed; {@code message} says how, without the key, so that failures of one kind share one text
     * and can be counted together.
     */
    record Failed(String message) implements BenchReply {
    }
}
