package io.raftkv.cli;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.command.Result;

import java.time.Instant;

/** Prints outcomes the same way for every command: one line of metadata on stdout, or one line on stderr. */
final class ResultPrinter {
    private ResultPrinter() {
    }

    /** Prints a write's outcome and returns the exit code for it. */
    static int printWrite(Result result, Bytes key, CliContext context) {
        switch (result) {
            case Result.Written written -> context.out().println(metadataLine(written.metadata()));
            case Result.Deleted deleted -> context.out().println("revision=" + deleted.revision()
                    + " deleted previousModRevision=" + deleted.previous().modRevision()
                    + " previousVersion=" + deleted.previous().version());
            case Result.NotFound notFound -> context.err().println("not found: " + key);
            case Result.RevisionMismatch mismatch -> context.err().println("revision mismatch: " + mismatch.current()
                    .map(current -> "the key's modRevision is " + current.modRevision())
                    .orElse("the key does not exist"));
            case Result.Rejected rejected ->
                    context.err().println("rejected (" + rejected.reason() + "): " + rejected.message());
            case Result.SequenceForgotten forgotten -> context.err().println("rejected: the server forgot sequence "
                    + forgotten.sequence() + " (completed below " + forgotten.completedBelow() + ")");
            case Result.Swept swept -> throw new IllegalStateException("a client write cannot sweep");
            case Result.Announced announced -> throw new IllegalStateException("a client write cannot announce");
            case Result.Counted counted -> throw new IllegalStateException("a client write cannot count");
            case Result.Fetched fetched -> throw new IllegalStateException("a client write cannot fetch");
            case Result.Flushed flushed -> throw new IllegalStateException("a client write cannot flush");
        }
        return ExitCodes.of(result);
    }

    /** The metadata of a key as {@code name=value} pairs; {@code revision} is the store revision of the change. */
    static String metadataLine(KeyMetadata metadata) {
        return "revision=" + metadata.modRevision()
                + " createRevision=" + metadata.createRevision()
                + " modRevision=" + metadata.modRevision()
                + " version=" + metadata.version()
                + " flags=" + metadata.flagsUnsigned()
                + " expiresAt=" + (metadata.expires() ? Instant.ofEpochMilli(metadata.expiresAtMillis()) : "never");
    }
}
