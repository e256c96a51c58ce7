package io.raftkv.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.command.Result;

import java.time.Clock;

/** Turns the outcome of a write into its reply, per docs/http-api.md. */
final class WriteReplies {
    private final Clock clock;

    WriteReplies(Clock clock) {
        this.clock = clock;
    }

    Reply of(Bytes key, Result result) {
        long nowMillis = clock.millis();
        return switch (result) {
            case Result.Written written -> {
                ObjectNode body = Json.object();
                Json.putBytes(body, "key", key);
                body.put("revision", written.metadata().modRevision());
                Json.putMetadata(body, written.metadata(), nowMillis);
                yield Json.reply(200, body);
            }
            case Result.Deleted deleted -> {
                ObjectNode body = Json.object();
                body.put("revision", deleted.revision());
                ObjectNode previous = body.putObject("previous");
                Json.putBytes(previous, "key", key);
                Json.putMetadata(previous, deleted.previous(), nowMillis);
                yield Json.reply(200, body);
            }
            case Result.NotFound ignored -> Json.errorReply(new ApiError(404, "not_found", "no such key"));
            case Result.RevisionMismatch mismatch -> {
                ObjectNode body = Json.error(new ApiError(412, "revision_mismatch",
                        "the key's modRevision is not the one given in ifModRevision"));
                mismatch.current().ifPresentOrElse(metadata -> {
                    ObjectNode current = body.putObject("current");
                    Json.putBytes(current, "key", key);
                    Json.putMetadata(current, metadata, nowMillis);
                }, () -> body.putNull("current"));
                yield Json.reply(412, body);
            }
            case Result.Rejected rejected -> switch (rejected.reason()) {
                case VALUE_TOO_LARGE -> Json.errorReply(ApiError.valueTooLarge(rejected.message()));
                case INVALID_REQUEST -> Json.errorReply(ApiError.badRequest(rejected.message()));
                case NOT_A_NUMBER -> throw notFromHttp(rejected);
            };
            case Result.SequenceForgotten forgotten -> Json.errorReply(new ApiError(409, "sequence_forgotten",
                    "sequence " + forgotten.sequence() + " is below the client's completed mark "
                            + forgotten.completedBelow() + "; its outcome was forgotten"));
            case Result.Swept swept -> throw notFromHttp(swept);
            case Result.Announced announced -> throw notFromHttp(announced);
            case Result.Counted counted -> throw notFromHttp(counted);
            case Result.Fetched fetched -> throw notFromHttp(fetched);
            case Result.Flushed flushed -> throw notFromHttp(flushed);
        };
    }

    /**
     * Sweeps and announces are proposed by the node itself, and the memcached commands (arithmetic, fetch, flush)
     * only by the memcached front end, so their results reaching HTTP is a bug.
     */
    private static Invariants.InvariantViolation notFromHttp(Result result) {
        return new Invariants.InvariantViolation("an HTTP write cannot produce " + result);
    }
}
