package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.Limits;
import io.raftkv.core.command.Announce;
import io.raftkv.core.command.Append;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.Deleted;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.core.command.Result.RejectReason;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Result.RevisionMismatch;
import io.raftkv.core.command.Result.Written;
import io.raftkv.core.query.QueryResult.Found;
import io.raftkv.core.query.QueryResult.Missing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;

import static io.raftkv.statemachine.Requests.append;
import static io.raftkv.statemachine.Requests.bytes;
import static io.raftkv.statemachine.Requests.delete;
import static io.raftkv.statemachine.Requests.put;
import static io.raftkv.statemachine.Requests.putIfModRevision;
import static org.assertj.core.api.Assertions.assertThat;

class KeyCommandsTest extends EngineTest {

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void putCreatesKeyAtVersionOne(EngineKind kind) {
        MachineDriver driver = driver(kind);

        Result result = driver.apply(new Put(bytes("a"), bytes("1"), 7, 0, Put.UNCONDITIONAL));

        assertThat(result).isEqualTo(new Written(new KeyMetadata(7, 1, 1, 1, 0)));
        assertThat(driver.get("a")).isEqualTo(new Found(1,
                new KeyValue(bytes("a"), bytes("1"), new KeyMetadata(7, 1, 1, 1, 0))));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void overwriteKeepsCreateRevisionAndBumpsVersion(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("other", "x"));
        driver.apply(put("a", "1"));

        Result result = driver.apply(new Put(bytes("a"), bytes("2"), 9, 0, Put.UNCONDITIONAL));

        assertThat(result).isEqualTo(new Written(new KeyMetadata(9, 2, 2, 3, 0)));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void casFailsWhenRevisionIsStale(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "1"));
        Written current = (Written) driver.apply(put("a", "2"));

        Result result = driver.apply(putIfModRevision("a", "3", 1));

        assertThat(result).isEqualTo(new RevisionMismatch(Optional.of(current.metadata())));
        assertThat(((Found) driver.get("a")).keyValue().value()).isEqualTo(bytes("2"));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void casSucceedsWhenRevisionMatches(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Written first = (Written) driver.apply(put("a", "1"));

        Result result = driver.apply(putIfModRevision("a", "2", first.metadata().modRevision()));

        assertThat(result).isEqualTo(new Written(new KeyMetadata(0, 2, 1, 2, 0)));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void casWithZeroCreatesOnlyWhenAbsent(EngineKind kind) {
        MachineDriver driver = driver(kind);

        Result created = driver.apply(putIfModRevision("a", "1", Put.IF_ABSENT));
        Result refused = driver.apply(putIfModRevision("a", "2", Put.IF_ABSENT));

        assertThat(created).isEqualTo(new Written(new KeyMetadata(0, 1, 1, 1, 0)));
        assertThat(refused).isEqualTo(new RevisionMismatch(Optional.of(new KeyMetadata(0, 1, 1, 1, 0))));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void casOnMissingKeyReportsNoCurrentMetadata(EngineKind kind) {
        MachineDriver driver = driver(kind);

        assertThat(driver.apply(putIfModRevision("a", "1", 5))).isEqualTo(new RevisionMismatch(Optional.empty()));
        assertThat(driver.machine().revision()).isZero();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void appendToMissingKeyIsNotFound(EngineKind kind) {
        MachineDriver driver = driver(kind);

        assertThat(driver.apply(append("a", "x"))).isEqualTo(new NotFound());
        assertThat(driver.get("a")).isEqualTo(new Missing(0));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void appendJoinsValuesAndKeepsFlags(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(new Put(bytes("a"), bytes("ab"), 5, 0, Put.UNCONDITIONAL));

        Result result = driver.apply(append("a", "cd"));

        assertThat(result).isEqualTo(new Written(new KeyMetadata(5, 2, 1, 2, 0)));
        assertThat(((Found) driver.get("a")).keyValue().value()).isEqualTo(bytes("abcd"));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void appendPastValueLimitIsRejectedAndChangesNothing(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "abc"));
        List<StoreContents.Entry> before = StoreContents.withoutPosition(driver.machine().storage());

        Result result = driver.apply(new Append(bytes("a"), bytes("de"), 0, 4));

        assertThat(result).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.VALUE_TOO_LARGE));
        assertThat(driver.machine().revision()).isEqualTo(1);
        assertThat(((Found) driver.get("a")).keyValue().value()).isEqualTo(bytes("abc"));
        assertThat(StoreContents.withoutPosition(driver.machine().storage())).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void appendUpToValueLimitIsAccepted(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "abc"));

        Result result = driver.apply(new Append(bytes("a"), bytes("d"), 0, 4));

        assertThat(result).isInstanceOf(Written.class);
        assertThat(((Found) driver.get("a")).keyValue().value()).isEqualTo(bytes("abcd"));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void deleteReturnsPreviousMetadataAndRemovesKey(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Written written = (Written) driver.apply(put("a", "1"));

        Result result = driver.apply(delete("a"));

        assertThat(result).isEqualTo(new Deleted(2, written.metadata()));
        assertThat(driver.get("a")).isEqualTo(new Missing(2));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void deleteOfMissingKeyIsNotFound(EngineKind kind) {
        MachineDriver driver = driver(kind);

        assertThat(driver.apply(delete("a"))).isEqualTo(new NotFound());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void recreatedKeyStartsOver(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "1"));
        driver.apply(put("a", "2"));
        driver.apply(delete("a"));

        assertThat(driver.apply(put("a", "3"))).isEqualTo(new Written(new KeyMetadata(0, 1, 4, 4, 0)));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void revisionCountsOnlyChangingRequests(EngineKind kind) {
        MachineDriver driver = driver(kind);

        List<Result> results = driver.apply(1_000,
                Request.of(put("a", "1")),                      // changes: 1
                Request.of(putIfModRevision("a", "x", 99)),     // failed compare
                Request.of(append("missing", "x")),             // not found
                Request.of(new Append(bytes("a"), bytes("too long"), 0, 2)), // rejected
                Request.of(new Announce("n1", "127.0.0.1:8081")),
                Request.of(delete("missing")),                  // not found
                Request.of(Requests.sweepKeys("a")),            // nothing expired
                Request.of(append("a", "2")),                   // changes: 2
                Request.of(delete("a")));                       // changes: 3

        assertThat(driver.machine().revision()).isEqualTo(3);
        assertThat(results.get(7)).isEqualTo(new Written(new KeyMetadata(0, 2, 1, 2, 0)));
        assertThat(results.get(8)).isEqualTo(new Deleted(3, new KeyMetadata(0, 2, 1, 2, 0)));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void requestsInOneEntrySeeEachOther(EngineKind kind) {
        MachineDriver driver = driver(kind);

        List<Result> results = driver.apply(1_000, Request.of(put("a", "1")), Request.of(append("a", "2")),
                Request.of(putIfModRevision("a", "3", 2)));

        assertThat(results).containsExactly(
                new Written(new KeyMetadata(0, 1, 1, 1, 0)),
                new Written(new KeyMetadata(0, 2, 1, 2, 0)),
                new Written(new KeyMetadata(0, 3, 1, 3, 0)));
        assertThat(((Found) driver.get("a")).keyValue().value()).isEqualTo(bytes("3"));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void invalidRequestIsRejectedWithoutChange(EngineKind kind) {
        MachineDriver driver = driver(kind);
        driver.apply(put("a", "1"));
        List<StoreContents.Entry> before = StoreContents.withoutPosition(driver.machine().storage());
        Bytes tooLongKey = Bytes.wrap(new byte[Limits.KEY_BYTES_MAX + 1]);
        Bytes tooLongValue = Bytes.wrap(new byte[RequestValidator.VALUE_BYTES_HARD_MAX + 1]);
        List<Command<?>> invalid = List.of(
                new Put(Bytes.EMPTY, bytes("x"), 0, 0, Put.UNCONDITIONAL),
                new Put(tooLongKey, bytes("x"), 0, 0, Put.UNCONDITIONAL),
                new Put(bytes("a"), tooLongValue, 0, 0, Put.UNCONDITIONAL),
                new Put(bytes("a"), bytes("x"), 0, -1, Put.UNCONDITIONAL),
                new Put(bytes("a"), bytes("x"), 0, Limits.TTL_SECONDS_MAX * 1000 + 1, Put.UNCONDITIONAL),
                new Put(bytes("a"), bytes("x"), 0, 0, -2),
                new Append(bytes("a"), bytes("x"), -1, 100),
                new Append(bytes("a"), bytes("x"), 0, -1),
                new Append(Bytes.EMPTY, bytes("x"), 0, 100),
                new Delete(Bytes.EMPTY),
                new Delete(tooLongKey),
                new Announce("", "127.0.0.1:1"));

        List<Result> results = driver.apply(1_000, invalid.stream().map(Request::of).toArray(Request[]::new));

        assertThat(results).hasSize(invalid.size()).allSatisfy(result -> assertThat(result)
                .isInstanceOfSatisfying(Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_REQUEST)));
        assertThat(driver.machine().revision()).isEqualTo(1);
        assertThat(StoreContents.withoutPosition(driver.machine().storage())).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void longestValidKeyAndTtlAreAccepted(EngineKind kind) {
        MachineDriver driver = driver(kind);
        Bytes longestKey = Bytes.wrap(new byte[Limits.KEY_BYTES_MAX]);

        Result result = driver.apply(new Put(longestKey, bytes("x"), 0, Limits.TTL_SECONDS_MAX * 1000,
                Put.UNCONDITIONAL));

        assertThat(result).isEqualTo(new Written(new KeyMetadata(0, 1, 1, 1, Limits.TTL_SECONDS_MAX * 1000)));
    }
}
