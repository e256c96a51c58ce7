package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.command.Append;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Sweep;

import java.util.List;
import java.util.Optional;

/** Short builders for the requests tests send, so that a test reads as the scenario it checks. */
final class Requests {
    private Requests() {
    }

    static Bytes bytes(String text) {
        return Bytes.utf8(text);
    }

    static Put put(String key, String value) {
        return Put.of(bytes(key), bytes(value));
    }

    static Put putWithTtl(String key, String value, long ttlMillis) {
        return new Put(bytes(key), bytes(value), 0, ttlMillis, Put.UNCONDITIONAL);
    }

    static Put putIfModRevision(String key, String value, long ifModRevision) {
        return new Put(bytes(key), bytes(value), 0, 0, ifModRevision);
    }

    static Append append(String key, String suffix) {
        return new Append(bytes(key), bytes(suffix), Append.KEEP_EXPIRY, Limits.VALUE_BYTES_MAX_DEFAULT);
    }

    static Append appendWithTtl(String key, String suffix, long ttlMillis) {
        return new Append(bytes(key), bytes(suffix), ttlMillis, Limits.VALUE_BYTES_MAX_DEFAULT);
    }

    static Delete delete(String key) {
        return new Delete(bytes(key));
    }

    static Sweep sweepKeys(String... keys) {
        return new Sweep(List.of(keys).stream().map(Requests::bytes).toList(), List.of());
    }

    static Sweep sweepSessions(String... clientIds) {
        return new Sweep(List.of(), List.of(clientIds).stream().map(Requests::bytes).toList());
    }

    static Request withSession(String clientId, long sequence, long completedBelow, Command<?> command) {
        return new Request(Optional.of(new ClientSession(bytes(clientId), sequence, completedBelow)), command);
    }
}
