package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.command.Announce;
import io.raftkv.core.command.Append;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Result.RejectReason;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Sweep;
import io.raftkv.storage.SnapshotFormat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Defence in depth: the front ends check requests first, but a bad request in the log must become a rejection on
 * every replica, never an exception that stops them all. Checks only the command itself, not the stored state.
 */
final class RequestValidator {
    /**
     * Far above any configurable value limit; only a broken or hostile proposer reaches it. It leaves room for the
     * stored record's header so that every record still fits one field of a snapshot (64 MiB).
     */
    static final int VALUE_BYTES_HARD_MAX = SnapshotFormat.FIELD_BYTES_MAX - StoredRecord.HEADER_BYTES;
    static final long TTL_MILLIS_MAX = Limits.TTL_SECONDS_MAX * 1000;
    /** Node ids and addresses are short; the bound keeps META small whatever a proposer sends. */
    static final int MEMBER_TEXT_BYTES_MAX = 256;

    private RequestValidator() {
    }

    static Optional<Rejected> validate(Command command) {
        return problem(command).map(message -> new Rejected(RejectReason.INVALID_REQUEST, message));
    }

    private static Optional<String> problem(Command command) {
        return switch (command) {
            case Put put -> firstOf(List.of(keyProblem(put.key()), valueProblem(put.value()),
                    ttlProblem(put.ttlMillis()),
                    problemIf(put.ifModRevision() < Put.UNCONDITIONAL, "ifModRevision must not be below -1")));
            case Append append -> firstOf(List.of(keyProblem(append.key()), valueProblem(append.suffix()),
                    ttlProblem(append.ttlMillis()),
                    problemIf(append.valueBytesMax() < 0, "valueBytesMax must not be negative")));
            case Delete delete -> keyProblem(delete.key());
            case Sweep ignored -> Optional.empty();
            case Announce announce -> firstOf(List.of(memberTextProblem("node id", announce.nodeId()),
                    memberTextProblem("http address", announce.httpAddress())));
        };
    }

    private static Optional<String> firstOf(List<Optional<String>> problems) {
        return problems.stream().flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> problemIf(boolean invalid, String message) {
        return invalid ? Optional.of(message) : Optional.empty();
    }

    private static Optional<String> keyProblem(Bytes key) {
        return firstOf(List.of(problemIf(key.isEmpty(), "key must not be empty"),
                problemIf(key.length() > Limits.KEY_BYTES_MAX,
                        "key must be at most " + Limits.KEY_BYTES_MAX + " bytes, was " + key.length())));
    }

    private static Optional<String> valueProblem(Bytes value) {
        return problemIf(value.length() > VALUE_BYTES_HARD_MAX,
                "value must be at most " + VALUE_BYTES_HARD_MAX + " bytes, was " + value.length());
    }

    private static Optional<String> ttlProblem(long ttlMillis) {
        return problemIf(ttlMillis < 0 || ttlMillis > TTL_MILLIS_MAX,
                "ttlMillis must be within 0.." + TTL_MILLIS_MAX + ", was " + ttlMillis);
    }

    private static Optional<String> memberTextProblem(String what, String text) {
        int lengthBytes = text.getBytes(StandardCharsets.UTF_8).length;
        return problemIf(lengthBytes == 0 || lengthBytes > MEMBER_TEXT_BYTES_MAX,
                what + " must be 1.." + MEMBER_TEXT_BYTES_MAX + " bytes, was " + lengthBytes);
    }
}
