package io.raftkv.cli;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.command.AppendResult;
import io.raftkv.core.command.DeleteResult;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Result;

import java.time.Instant;

/**
 * Prints outcomes the same way for every command: one line of metadata on stdout, or one line on stderr. Each write
 * has its own method over its own results, and each outcome returns its documented exit code.
 */
final class ResultPrinter {
    private ResultPrinter() {
    }

    /** Prints a put's (or a compare-and-swap's) outcome and returns the exit code for it. */
    static int printWrite(PutResult result, Bytes key, CliContext context) {
        return switch (result) {
            case Result.Written written -> written(written, context);
            case Result.RevisionMismatch mismatch -> mismatch(mismatch, context);
            case Result.Rejected rejected -> rejected(rejected, context);
        };
    }

    static int printWrite(AppendResult result, Bytes key, CliContext context) {
        return switch (result) {
            case Result.Written written -> written(written, context);
            case Result.NotFound notFound -> notFound(key, context);
            case Result.Rejected rejected -> rejected(rejected, context);
        };
    }

    static int printWrite(DeleteResult result, Bytes key, CliContext context) {
        return switch (result) {
            case Result.Deleted deleted -> {
                context.out().println("revision=" + deleted.revision()
                        + " deleted previousModRevision=" + deleted.previous().modRevision()
                        + " previousVersion=" + deleted.previous().version());
                yield ExitCodes.OK;
            }
            case Result.NotFound notFound -> notFound(key, context);
            case Result.Rejected rejected -> rejected(rejected, context);
        };
    }

    private static int written(Result.Written written, CliContext context) {
        context.out().println(metadataLine(written.metadata()));
        return ExitCodes.OK;
    }

    private static int notFound(Bytes key, CliContext context) {
        context.err().println("not found: " + key);
        return ExitCodes.NOT_FOUND;
    }

    private static int mismatch(Result.RevisionMismatch mismatch, CliContext context) {
        context.err().println("revision mismatch: " + mismatch.current()
                .map(current -> "the key's modRevision is " + current.modRevision())
                .orElse("the key does not exist"));
        return ExitCodes.REVISION_MISMATCH;
    }

    private static int rejected(Result.Rejected rejected, CliContext context) {
        context.err().println("rejected (" + rejected.reason() + "): " + rejected.message());
        return ExitCodes.REJECTED;
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
