package io.raftkv.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.core.Bytes;
import io.raftkv.core.command.AppendResult;
import io.raftkv.core.command.DeleteResult;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Result;

import java.time.Clock;

/** Turns the outcome of a write into its reply, per docs/http-api.md: one method per write, over its own results. */
final class WriteReplies {
    private final Clock clock;

    WriteReplies(Clock clock) {
        this.clock = clock;
    }

    Reply ofPut(Bytes key, PutResult result) {
        return switch (result) {
            case Result.Written written -> written(key, written);
            case Result.RevisionMismatch mismatch -> mismatch(key, mismatch);
            case Result.Rejected rejected -> rejected(rejected);
        };
    }

    Reply ofAppend(Bytes key, AppendResult result) {
        return switch (result) {
            case Result.Written written -> written(key, written);
            case Result.NotFound ignored -> notFound();
            case Result.Rejected rejected -> rejected(rejected);
        };
    }

    Reply ofDelete(Bytes key, DeleteResult result) {
        return switch (result) {
            case Result.Deleted deleted -> {
                ObjectNode body = Json.object();
                body.put("revision", deleted.revision());
                ObjectNode previous = body.putObject("previous");
                Json.putBytes(previous, "key", key);
                Json.putMetadata(previous, deleted.previous(), clock.millis());
                yield Json.reply(200, body);
            }
            case Result.NotFound ignored -> notFound();
            case Result.Rejected rejected -> rejected(rejected);
        };
    }

    private Reply written(Bytes key, Result.Written written) {
        ObjectNode body = Json.object();
        Json.putBytes(body, "key", key);
        body.put("revision", written.metadata().modRevision());
        Json.putMetadata(body, written.metadata(), clock.millis());
        return Json.reply(200, body);
    }

    private static Reply notFound() {
        return Json.errorReply(new ApiError(404, "not_found", "no such key"));
    }

    private Reply mismatch(Bytes key, Result.RevisionMismatch mismatch) {
        ObjectNode body = Json.error(new ApiError(412, "revision_mismatch",
                "the key's modRevision is not the one given in ifModRevision"));
        mismatch.current().ifPresentOrElse(metadata -> {
            ObjectNode current = body.putObject("current");
            Json.putBytes(current, "key", key);
            Json.putMetadata(current, metadata, clock.millis());
        }, () -> body.putNull("current"));
        return Json.reply(412, body);
    }

    /** A refusal of the request itself; only memcached's arithmetic is refused as not a number. */
    private static Reply rejected(Result.Rejected rejected) {
        return switch (rejected.reason()) {
            case VALUE_TOO_LARGE -> Json.errorReply(ApiError.valueTooLarge(rejected.message()));
            case INVALID_REQUEST, NOT_A_NUMBER -> Json.errorReply(ApiError.badRequest(rejected.message()));
        };
    }
}
