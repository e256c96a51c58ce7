package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.CacheGet;
import io.raftkv.core.query.Get;
import io.raftkv.core.query.GetResult;
import io.raftkv.core.query.QueryResult;
import io.raftkv.storage.StorageEngine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Feeds a state machine consecutive log entries the way the Raft adapter would, at term 1. */
final class MachineDriver {
    static final long TERM = 1;

    private final KvStateMachine machine;

    MachineDriver(StorageEngine storage) {
        this.machine = new KvStateMachine(storage, KvStateMachine.SESSION_IDLE_MILLIS_MAX_DEFAULT);
    }

    KvStateMachine machine() {
        return machine;
    }

    List<Result> apply(long leaderTimeMillis, Request... requests) {
        return machine.apply(machine.appliedIndex() + 1, TERM, new LogEntry(leaderTimeMillis, Arrays.asList(requests)));
    }

    /** Applies one command, without a session, in an entry of its own. */
    Result apply(long leaderTimeMillis, Command<?> command) {
        return apply(leaderTimeMillis, Request.of(command)).getFirst();
    }

    Result apply(Command<?> command) {
        return apply(machine.clusterTimeMillis(), command);
    }

    GetResult get(String key) {
        return machine.query(new Get(Bytes.utf8(key)));
    }

    /** The key as a cache get sees it: value, metadata and marks, or empty when it is missing. */
    Optional<QueryResult.CacheItem> cacheItem(String key) {
        return machine.query(CacheGet.of(Bytes.utf8(key))).items().getFirst();
    }

    byte[] snapshot() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            machine.storage().writeSnapshot(out);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return out.toByteArray();
    }
}
