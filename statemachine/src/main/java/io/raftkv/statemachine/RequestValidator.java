package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.TtlMillis;
import io.raftkv.core.command.Announce;
import io.raftkv.core.command.Append;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.ClearNoSpaceAlarm;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.CompareDelete;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.RaiseNoSpaceAlarm;
import io.raftkv.core.command.Result.RejectReason;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Store;
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
    /** Linux's PATH_MAX: a data directory reported in a NO_SPACE alarm is never longer. */
    static final int DIRECTORY_TEXT_BYTES_MAX = 4096;

    private RequestValidator() {
    }

    static Optional<Rejected> validate(Command<?> command) {
        return problem(command).map(message -> new Rejected(RejectReason.INVALID_REQUEST, message));
    }

    private static Optional<String> problem(Command<?> command) {
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
            case Store store -> storeProblem(store);
            case Arithmetic arithmetic -> firstOf(List.of(keyProblem(arithmetic.key()),
                    compareProblem(arithmetic.compareRevision()),
                    optionalCacheTtlProblem("vivifyTtlMillis", arithmetic.vivifyTtlMillis()),
                    optionalCacheTtlProblem("ttlMillis", arithmetic.ttlMillis())));
            case Fetch fetch -> firstOf(List.of(keyProblem(fetch.key()),
                    optionalCacheTtlProblem("touchTtlMillis", fetch.touchTtlMillis()),
                    optionalCacheTtlProblem("vivifyTtlMillis", fetch.vivifyTtlMillis()),
                    recacheBelowProblem(fetch.recacheBelowMillis())));
            case CompareDelete delete -> firstOf(List.of(keyProblem(delete.key()),
                    compareProblem(delete.compareRevision()),
                    optionalCacheTtlProblem("staleTtlMillis", delete.staleTtlMillis())));
            case FlushAll flush -> problemIf(flush.delayMillis() < 0 || flush.delayMillis() > TTL_MILLIS_MAX,
                    "delayMillis must be within 0.." + TTL_MILLIS_MAX + ", was " + flush.delayMillis());
            case RaiseNoSpaceAlarm raise -> firstOf(List.of(memberTextProblem("node id", raise.alarm().nodeId()),
                    textProblem("directory", raise.alarm().directory(), DIRECTORY_TEXT_BYTES_MAX),
                    problemIf(raise.alarm().freeBytes() < 0 || raise.alarm().reserveBytes() < 0,
                            "free and reserve bytes must not be negative")));
            case ClearNoSpaceAlarm clear -> memberTextProblem("node id", clear.nodeId());
        };
    }

    /** Append and prepend ignore the time to live, so only the modes that use it check it. */
    private static Optional<String> storeProblem(Store store) {
        boolean usesTtl = switch (store.mode()) {
            case SET, ADD, REPLACE -> true;
            case APPEND, PREPEND -> false;
        };
        return firstOf(List.of(keyProblem(store.key()), valueProblem(store.value()),
                usesTtl ? cacheTtlProblem("ttlMillis", store.ttlMillis()) : Optional.empty(),
                compareProblem(store.compareRevision()),
                optionalCacheTtlProblem("vivifyTtlMillis", store.vivifyTtlMillis()),
                problemIf(store.valueBytesMax() < 0, "valueBytesMax must not be negative")));
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

    /** A time to live as the memcached commands carry it: never, expired or positive ({@link TtlMillis}). */
    private static Optional<String> cacheTtlProblem(String name, long ttlMillis) {
        return problemIf(!TtlMillis.isValid(ttlMillis, TTL_MILLIS_MAX),
                name + " must be never (0), expired (-1) or within 1.." + TTL_MILLIS_MAX + ", was " + ttlMillis);
    }

    private static Optional<String> optionalCacheTtlProblem(String name, long ttlMillis) {
        return ttlMillis == TtlMillis.NOT_GIVEN ? Optional.empty() : cacheTtlProblem(name, ttlMillis);
    }

    /** A remaining time to live to compare with, not a time to live: it has no special values but "not given". */
    private static Optional<String> recacheBelowProblem(long recacheBelowMillis) {
        boolean given = recacheBelowMillis != TtlMillis.NOT_GIVEN;
        return problemIf(given && (recacheBelowMillis < 0 || recacheBelowMillis > TTL_MILLIS_MAX),
                "recacheBelowMillis must be within 0.." + TTL_MILLIS_MAX + " or not given, was " + recacheBelowMillis);
    }

    private static Optional<String> compareProblem(long compareRevision) {
        return problemIf(compareRevision < Store.NO_COMPARE, "compareRevision must not be below -1");
    }

    private static Optional<String> memberTextProblem(String what, String text) {
        return textProblem(what, text, MEMBER_TEXT_BYTES_MAX);
    }

    private static Optional<String> textProblem(String what, String text, int lengthBytesMax) {
        int lengthBytes = text.getBytes(StandardCharsets.UTF_8).length;
        return problemIf(lengthBytes == 0 || lengthBytes > lengthBytesMax,
                what + " must be 1.." + lengthBytesMax + " bytes, was " + lengthBytes);
    }
}
